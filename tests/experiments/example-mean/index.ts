import { lazy } from 'react';
import { request, type FrameOf } from '../../../src/engine/job';
import { defineExperiment } from '../../../src/experiments/types';
import { commands } from './commands';
import { meanJob } from './jobs';
import { params, type Params } from './params';

export interface Results {
  n: number[];
  error: number[];
}

/** The README's worked example: one folder, discovered like every paper's. */
export default defineExperiment<Params, Results, FrameOf<typeof meanJob>>({
  id: 'example-mean',
  order: 99,
  title: 'Example: the error of a running mean',
  paper: 'the README’s worked example',
  schema: params,
  defaults: { sigma: 1, samples: 1000, seed: 1 },
  controls: [
    {
      kind: 'number',
      key: 'sigma',
      label: 'noise σ',
      min: 0.01,
      max: 10,
      scale: 'log',
      help: 'σ of the draws',
    },
    {
      kind: 'number',
      key: 'samples',
      label: 'samples',
      min: 10,
      max: 100_000,
      scale: 'log',
      integer: true,
      help: 'how many draws',
    },
    { kind: 'seed', key: 'seed' },
  ],
  presets: [{ id: 'noisy', label: 'σ = 5', params: { sigma: 5 } }],
  jobFor: (p) => request(meanJob, p),
  initResults: () => ({ n: [], error: [] }),
  reduce: (r, f) => ({ n: [...r.n, ...f.n], error: [...r.error, ...f.error] }),
  Panel: lazy(async () => ({ default: (await import('./Panel')).MeanPanel })),
  rate: (r) => `${r.n.length} samples`,
  commands,
});
