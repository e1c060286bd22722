import { z } from 'zod';
import { defineCommand } from '../types';
import { ntkInputSchema } from './ntkInput';
import { defaultNtkTrainParams, ntkTrainSchema } from './trainParams';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const commands = [
  defineCommand({
    name: 'ntk',
    summary: 'infinite-width ReLU NTK: eigenvalues and the top-k label ratio',
    schema: ntkInputSchema,
    example: {
      X: [
        [1, 0],
        [0, 1],
        [0.6, 0.8],
        [-0.8, 0.6],
      ],
      y: [1, -1, 1, -1],
      topK: 2,
    },
    load: async () => (await import('./ntkCommand')).ntkCommand,
  }),
  defineCommand({
    name: 'self-distill',
    summary:
      'train normal GD and Algorithm 1 (tfjs wasm); keys left out take the page defaults; over LAB_MAX_SECONDS (60) refused with a setting that fits',
    // Missing keys take the defaults; anything else must be an object of known parameters.
    schema: z.preprocess((v) => (isObject(v) ? { ...defaultNtkTrainParams, ...v } : v), ntkTrainSchema),
    example: { n: 16, d: 4, clusters: 2, width: 16, iterations: 3, nTest: 16, spectrumM: 2, topK: 1 },
    load: async () => (await import('./selfDistillCommand')).selfDistillCommand,
  }),
];
