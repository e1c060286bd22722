import { lazy } from 'react';
import { request, type FrameOf } from '../../../src/engine/job';
import { numberControl } from '../../../src/experiments/controls';
import { defineExperiment } from '../../../src/experiments/types';
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
  // Not a paper: the grouping fields still say where it comes from.
  paperId: 'readme-example',
  authors: 'Distillation Lab',
  year: 2026,
  paperFigures: 'none (a worked example)',
  summary: 'The sample mean of Gaussian draws converging to its expectation as the samples grow.',
  keyControls: ['sigma', 'samples'],
  schema: params,
  defaults: { sigma: 1, samples: 1000, seed: 1 },
  controls: [
    numberControl(params, 'sigma', {
      label: 'noise σ',
      scale: 'log',
      help: 'σ of the draws',
    }),
    numberControl(params, 'samples', {
      label: 'samples',
      scale: 'log',
      help: 'how many draws',
    }),
    { kind: 'seed', key: 'seed' },
  ],
  figures: [
    {
      id: 'running-mean-error',
      title: 'Error of the running mean',
      caption: 'The measured |mean − μ| against the number of samples n, with its expectation σ·√(2/(πn)).',
    },
  ],
  presets: [{ id: 'noisy', label: 'σ = 5', params: { sigma: 5 } }],
  jobFor: (p) => request(meanJob, p),
  initResults: () => ({ n: [], error: [] }),
  reduce: (r, f) => ({ n: [...r.n, ...f.n], error: [...r.error, ...f.error] }),
  Panel: lazy(async () => ({ default: (await import('./Panel')).MeanPanel })),
  rate: (r) => `${r.n.length} samples`,
});
