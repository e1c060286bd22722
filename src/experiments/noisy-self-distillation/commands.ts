import { defineCommand } from '../types';
import { commandSchema } from './commandSchema';

export const commands = [
  defineCommand({
    name: 'noisy-distill',
    summary: 'noisy self-distillation sweep (Xiong et al. Fig. 2): grad norm and accuracy per noise level',
    schema: commandSchema,
    // Tiny, about a second; a key dropped from it falls back to a page default and still runs in seconds.
    example: {
      noise: 'gaussian',
      levels: [0, 1],
      seeds: 1,
      hidden: 16,
      epochs: 1,
      teacherEpochs: 1,
      lr: 0.01,
      batchSize: 32,
      trainSize: 200,
      testSize: 100,
      seed: 1,
    },
    load: async () => (await import('./command')).noisyDistillCommand,
  }),
];
