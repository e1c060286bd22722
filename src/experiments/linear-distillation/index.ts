import { retryableLazy } from '../../ui/retryableLazy';
import { request, type FrameOf } from '../../engine/job';
import { numberControl } from '../controls';
import { defineExperiment } from '../types';
import { figures } from './figures';
import { linearJob } from './jobs';
import {
  defaultParams,
  fashionPairs,
  linearParamsSchema,
  presets,
  type FashionPair,
  type LinearParams,
} from './params';
import { initResults, rate, reduce, type LinearResults } from './results';
import { tour } from './tour';
import { claim } from './claim';

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const LinearPanel = retryableLazy(() => import('./Panel').then((m) => m.LinearPanel));
/** The paper's schematic (panel and tour card), drawn from the live params: loaded on use. */
const LinearSchematic = retryableLazy(() => import('./Schematic').then((m) => m.LinearSchematic));

const linearDistillation = defineExperiment<LinearParams, LinearResults, FrameOf<typeof linearJob>>({
  id: 'linear-distillation',
  order: 3,
  title: 'Linear distillation: what the student learns, and how fast',
  paper:
    'Phuong & Lampert, "Towards Understanding Knowledge Distillation" (seed 003), Theorems 1–3, Fig. 1–5',
  paperId: 'phuong-2019',
  authors: 'Phuong & Lampert',
  year: 2019,
  paperFigures: 'Fig. 1–5',
  summary:
    "Linear students converging to the projection of the teacher on the data span, and their risk against n, κ and δ beside Theorem 3's bound.",
  keyControls: ['n', 'kappa', 'delta'],
  schema: linearParamsSchema,
  defaults: defaultParams,
  controls: [
    numberControl(linearParamsSchema, 'kappa', {
      label: 'angular alignment κ',
      scale: 'log',
      help: 'p(θ) = (1 − 2θ/π)^κ: larger κ puts less mass near the teacher’s boundary.',
    }),
    numberControl(linearParamsSchema, 'd', {
      label: 'dimension d',
      scale: 'log',
      help: 'Input dimension of the synthetic tasks.',
    }),
    numberControl(linearParamsSchema, 'n', {
      label: 'transfer set size n',
      scale: 'log',
      help: 'Points the student learns from (n ≥ d: the student recovers w* exactly).',
    }),
    {
      kind: 'choice',
      key: 'task',
      label: 'synthetic task',
      options: [
        { value: 'kappa', label: 'κ-polynomial angles (Cor. 2)' },
        { value: 'margin', label: 'κ-polynomial with an angular margin (Cor. 1)' },
      ],
      help: 'The task of the convergence, risk-vs-n and monotonicity figures.',
    },
    numberControl(linearParamsSchema, 'margin', {
      label: 'angular margin (°)',
      scale: 'linear',
      help: 'No point lies closer than this to the teacher’s boundary (Task B).',
    }),
    numberControl(linearParamsSchema, 'delta', {
      label: 'optimisation-bias offset δ',
      scale: 'linear',
      help: 'w_δ = ŵ + δ‖ŵ‖q/‖q‖ with q orthogonal to the data: a minimiser of the same loss, less biased.',
    }),
    numberControl(linearParamsSchema, 'depth', {
      label: 'depth N of the deep student',
      scale: 'linear',
      help: 'wᵀ = W_N ⋯ W_1 from a small balanced initialisation (Theorem 2); 1: the linear student only.',
    }),
    numberControl(linearParamsSchema, 'init', {
      label: 'initial norm ‖w(0)‖ (deep)',
      scale: 'log',
      help: 'Theorem 2: the smaller, the closer the deep student ends to ŵ.',
      enabledWhen: (p) => p.depth > 1,
    }),
    numberControl(linearParamsSchema, 'sets', {
      label: 'transfer sets (Fig. 5)',
      scale: 'log',
      help: 'Trained as one batched program: 4 students per set.',
    }),
    numberControl(linearParamsSchema, 'sweepSets', {
      label: 'transfer sets per point (Fig. 3, risk vs n)',
      scale: 'log',
      help: 'Monte Carlo over transfer sets; the test point is integrated exactly.',
    }),
    numberControl(linearParamsSchema, 'steps', {
      label: 'gradient steps (batched learners)',
      scale: 'log',
      help: 'Same optimiser for the soft- and the hard-label learner.',
    }),
    {
      kind: 'choice',
      key: 'fmPair',
      label: 'Fashion-MNIST classes (Fig. 4)',
      options: (Object.keys(fashionPairs) as FashionPair[]).map((value) => ({
        value,
        label: fashionPairs[value].label,
      })),
      help: 'The paper used MNIST 0 vs 1.',
    },
    numberControl(linearParamsSchema, 'fmN', {
      label: 'transfer set size on Fashion-MNIST',
      scale: 'log',
      help: 'Fig. 4 (the paper: 100), drawn from images the teacher did not see.',
    }),
    { kind: 'seed', key: 'seed' },
  ],
  figures,
  presets,
  jobFor: (p) => request(linearJob, p),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: LinearPanel,
  Schematic: LinearSchematic,
  tour,
  claim,
  rate,
});

export default linearDistillation;
