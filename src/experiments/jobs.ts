import type { JobRegistry } from '../engine/job';
import { hilbertNnJob } from './hilbert-self-distillation/nnJob';
import { ntkBenchJob } from './ntk-self-distillation/benchJob';
import { ntkExperimentJob } from './ntk-self-distillation/experimentJob';
import { labelNoiseSgdBenchJob } from './label-noise-sgd/benchJob';
import { labelNoiseSgdJob } from './label-noise-sgd/job';

/** Worker-side registry: job id → job. Kept apart from the UI registry so the worker bundle has no React. */
export const jobs: JobRegistry = {
  'label-noise-sgd': labelNoiseSgdJob,
  'label-noise-sgd/bench': labelNoiseSgdBenchJob,
  'ntk-self-distillation': ntkExperimentJob,
  'ntk-self-distillation/bench': ntkBenchJob,
  'hilbert-self-distillation/nn': (params, ctx) => hilbertNnJob(params, ctx),
};
