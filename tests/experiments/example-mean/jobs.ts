import { defineJob } from '../../../src/engine/job';
import { params } from './params';

export const meanJob = defineJob({
  id: 'example-mean',
  schema: params,
  load: async () => (await import('./job')).runningMean,
  transferFrames: true, // every frame's arrays are new
});

export const jobs = [meanJob];
