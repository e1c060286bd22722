import { defineJob } from '../../engine/job';
import { benchParamsSchema } from './benchParams';
import { olsParamsSchema } from './params';

/** The figure's run: paths and chain clouds of Fig. 1 (experimentJob.ts). */
export const labelNoiseSgdJob = defineJob({
  id: 'label-noise-sgd',
  schema: olsParamsSchema,
  load: async () => (await import('./experimentJob')).labelNoiseSgdJob,
  // Every typed array in a frame is new (Float32Array.from / slice): move them, do not copy.
  transferFrames: true,
});

/** Throughput of the hot loops, for `npm run bench`. */
export const labelNoiseSgdBenchJob = defineJob({
  id: 'label-noise-sgd/bench',
  schema: benchParamsSchema,
  load: async () => (await import('./benchJob')).labelNoiseSgdBenchJob,
});

export const jobs = [labelNoiseSgdJob, labelNoiseSgdBenchJob];
