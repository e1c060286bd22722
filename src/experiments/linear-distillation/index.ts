import { lazy } from 'react';
import { request, type FrameOf } from '../../engine/job';
import { defineExperiment } from '../types';
import { commands } from './commands';
import { linearJob } from './jobs';
import { defaultParams, fashionPairs, linearParamsSchema, presets, type LinearParams } from './params';
import { initResults, rate, reduce, type LinearResults } from './results';

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const LinearPanel = lazy(() => import('./Panel').then((m) => ({ default: m.LinearPanel })));

const linearDistillation = defineExperiment<LinearParams, LinearResults, FrameOf<typeof linearJob>>({
  id: 'linear-distillation',
  order: 3,
  title: 'Linear distillation: what the student learns, and how fast',
  paper:
    'Phuong & Lampert, "Towards Understanding Knowledge Distillation" (seed 003), Theorems 1–3, Fig. 1–5',
  schema: linearParamsSchema,
  defaults: defaultParams,
  controls: [
    {
      kind: 'number',
      key: 'kappa',
      label: 'angular alignment κ',
      min: 0.05,
      max: 8,
      scale: 'log',
      help: 'p(θ) = (1 − 2θ/π)^κ: larger κ puts less mass near the teacher’s boundary.',
    },
    {
      kind: 'number',
      key: 'd',
      label: 'dimension d',
      min: 2,
      max: 1000,
      scale: 'log',
      integer: true,
      help: 'Input dimension of the synthetic tasks.',
    },
    {
      kind: 'number',
      key: 'n',
      label: 'transfer set size n',
      min: 1,
      max: 500,
      scale: 'log',
      integer: true,
      help: 'Points the student learns from (n ≥ d: the student recovers w* exactly).',
    },
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
    {
      kind: 'number',
      key: 'margin',
      label: 'angular margin (°)',
      min: 0,
      max: 60,
      scale: 'linear',
      help: 'No point lies closer than this to the teacher’s boundary (Task B).',
    },
    {
      kind: 'number',
      key: 'delta',
      label: 'optimisation-bias offset δ',
      min: 0,
      max: 100,
      scale: 'linear',
      help: 'w_δ = ŵ + δ‖ŵ‖q/‖q‖ with q orthogonal to the data: a minimiser of the same loss, less biased.',
    },
    {
      kind: 'number',
      key: 'depth',
      label: 'depth N of the deep student',
      min: 1,
      max: 4,
      scale: 'linear',
      integer: true,
      help: 'wᵀ = W_N ⋯ W_1 from a small balanced initialisation (Theorem 2); 1: the linear student only.',
    },
    {
      kind: 'number',
      key: 'init',
      label: 'initial norm ‖w(0)‖ (deep)',
      min: 1e-6,
      max: 0.5,
      scale: 'log',
      help: 'Theorem 2: the smaller, the closer the deep student ends to ŵ.',
      enabledWhen: (p) => Number(p.depth) > 1,
    },
    {
      kind: 'number',
      key: 'sets',
      label: 'transfer sets (Fig. 5)',
      min: 16,
      max: 4000,
      scale: 'log',
      integer: true,
      help: 'Trained as one batched program: 4 students per set.',
    },
    {
      kind: 'number',
      key: 'sweepSets',
      label: 'transfer sets per point (Fig. 3, risk vs n)',
      min: 8,
      max: 1000,
      scale: 'log',
      integer: true,
      help: 'Monte Carlo over transfer sets; the test point is integrated exactly.',
    },
    {
      kind: 'number',
      key: 'steps',
      label: 'gradient steps (batched learners)',
      min: 100,
      max: 20_000,
      scale: 'log',
      integer: true,
      help: 'Same optimiser for the soft- and the hard-label learner.',
    },
    {
      kind: 'choice',
      key: 'fmPair',
      label: 'Fashion-MNIST classes (Fig. 4)',
      options: Object.entries(fashionPairs).map(([value, v]) => ({ value, label: v.label })),
      help: 'The paper used MNIST 0 vs 1.',
    },
    {
      kind: 'number',
      key: 'fmN',
      label: 'transfer set size on Fashion-MNIST',
      min: 5,
      max: 400,
      scale: 'log',
      integer: true,
      help: 'Fig. 4 (the paper: 100), drawn from images the teacher did not see.',
    },
    { kind: 'seed', key: 'seed' },
  ],
  presets,
  jobFor: (p) => request(linearJob, p),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: LinearPanel,
  commands,
  rate,
});

export default linearDistillation;
