import { lazy } from 'react';
import { request, type FrameOf } from '../../engine/job';
import { defineExperiment } from '../types';
import { commands } from './commands';
import { kdJob } from './jobs';
import { defaultParams, kdParamsSchema, presets, type KdParams } from './params';
import { initResults, reduce, type KdResults } from './results';

const KdPanel = lazy(() => import('./Panel').then((m) => ({ default: m.KdPanel })));
const synthetic = (p: Record<string, unknown>) => p.data === 'synthetic';

const kernelDistillation = defineExperiment<KdParams, KdResults, FrameOf<typeof kdJob>>({
  id: 'kernel-distillation',
  order: 4,
  title: 'Knowledge distillation in the kernel regime',
  paper:
    'Rahbar, Panahi, Bhattacharyya, Dubhashi, Chehreghani, "On the Unreasonable Effectiveness of Knowledge Distillation: Analysis in the Kernel Regime" (seed 002), Fig. 1–6, Theorems 1 and 3',
  schema: kdParamsSchema,
  defaults: defaultParams,
  controls: [
    {
      kind: 'number',
      key: 'lambda',
      label: 'distillation weight λ',
      min: 1e-4,
      max: 1e2,
      scale: 'log',
      help: 'Weight of the teacher-feature term of objective (2) for the live student (the teacher is kept).',
    },
    {
      kind: 'choice',
      key: 'data',
      label: 'data',
      options: [
        { value: 'synthetic', label: 'synthetic two classes (choose n vs d)' },
        { value: 'fashion', label: 'Fashion-MNIST sneaker vs ankle boot' },
      ],
      help: 'Unit-norm inputs, ±1 labels.',
    },
    {
      kind: 'number',
      key: 'n',
      label: 'training points n',
      min: 4,
      max: 800,
      scale: 'log',
      integer: true,
      help: 'Theorem 1 needs n ≤ d.',
    },
    {
      kind: 'number',
      key: 'd',
      label: 'input dimension d',
      min: 2,
      max: 784,
      scale: 'log',
      integer: true,
      help: 'Synthetic data only (Fashion-MNIST: 784).',
      enabledWhen: synthetic,
    },
    {
      kind: 'number',
      key: 'nTest',
      label: 'test points',
      min: 10,
      max: 1000,
      scale: 'log',
      integer: true,
      help: 'Fashion-MNIST: at most 200.',
    },
    {
      kind: 'number',
      key: 'labelNoise',
      label: 'label noise',
      min: 0,
      max: 0.45,
      scale: 'linear',
      help: 'Fraction of training labels flipped (test labels clean).',
    },
    {
      kind: 'choice',
      key: 'activation',
      label: 'activation σ',
      options: [
        { value: 'tanh', label: 'tanh (σ′ Lipschitz, as the theory needs)' },
        { value: 'relu', label: 'ReLU (outside Assumption 3)' },
      ],
      help: 'Hidden activation of teacher and students.',
    },
    {
      kind: 'number',
      key: 'teacherWidth',
      label: 'teacher width m̄',
      min: 10,
      max: 400,
      scale: 'log',
      integer: true,
      help: 'Paper: 100.',
    },
    {
      kind: 'number',
      key: 'studentWidth',
      label: 'student width m',
      min: 2,
      max: 100,
      scale: 'log',
      integer: true,
      help: 'Units sampled from the teacher. Paper: 20.',
    },
    {
      kind: 'number',
      key: 'initScale',
      label: 'init scale κ',
      min: 1e-3,
      max: 1,
      scale: 'log',
      help: 'w ~ N(0, κ² I). Paper: 0.01.',
    },
    {
      kind: 'number',
      key: 'stepScale',
      label: 'step scale s',
      min: 0.01,
      max: 1.9,
      scale: 'log',
      help: 'Per run η = s/((1 + λ)·λ_max(XXᵀ)); s < 2 is stable.',
    },
    {
      kind: 'number',
      key: 'teacherIterations',
      label: 'teacher iterations',
      min: 10,
      max: 100000,
      scale: 'log',
      integer: true,
      help: 'Full-batch GD steps of the teacher.',
    },
    {
      kind: 'number',
      key: 'studentIterations',
      label: 'student iterations',
      min: 10,
      max: 100000,
      scale: 'log',
      integer: true,
      help: 'Full-batch GD steps of every student.',
    },
    {
      kind: 'number',
      key: 'imperfectAt',
      label: 'imperfect teacher: fraction of its training',
      min: 0.001,
      max: 1,
      scale: 'log',
      help: 'Fig. 3: the early teacher’s weights.',
    },
    {
      kind: 'number',
      key: 'nVal',
      label: 'validation points',
      min: 4,
      max: 400,
      scale: 'log',
      integer: true,
      help: 'Held out, labels noised like the training labels: for early stopping.',
    },
    {
      kind: 'choice',
      key: 'teacherStop',
      label: 'students learn from',
      options: [
        { value: 'end', label: 'the teacher at the end of its training' },
        { value: 'validation', label: 'the teacher at its lowest validation MSE' },
      ],
      help: 'Early stopping by validation: the checkpoint with the lowest validation MSE.',
    },
    {
      kind: 'number',
      key: 'overlapTop',
      label: 'Fig. 5/6: top eigenvectors of H∞',
      min: 1,
      max: 50,
      scale: 'log',
      integer: true,
      help: 'The overlap α averages |⟨φ_k, v_j⟩| over this many eigenvectors (at most n).',
    },
    {
      kind: 'choice',
      key: 'embed',
      label: 'Fig. 4/6: kernel embedding',
      options: [
        { value: 'on', label: 'on: also train on the Nyström embedding' },
        { value: 'off', label: 'off (faster)' },
      ],
      help: 'Learns a kernel from seven Gaussians by centred alignment, embeds the inputs, retrains.',
    },
    {
      kind: 'number',
      key: 'nystromRank',
      label: 'Nyström rank r',
      min: 2,
      max: 800,
      scale: 'log',
      integer: true,
      help: 'Landmarks: r training points (at most n); the networks get r-dimensional inputs.',
      enabledWhen: (p) => p.embed === 'on',
    },
    { kind: 'seed', key: 'seed' },
  ],
  presets,
  jobFor: (p) => request(kdJob, p),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: KdPanel,
  commands,
  rate: (r) =>
    r.done
      ? `${r.studentStepsPerSecond.toFixed(0)} student steps/s (7 students), teacher ${r.teacher.stepsPerSecond.toFixed(0)} steps/s`
      : r.students[0]?.iter.length
        ? `students: iteration ${r.students[0].iter.at(-1)}`
        : r.teacher.iter.length
          ? `teacher: iteration ${r.teacher.iter.at(-1)}`
          : 'loading…',
});

export default kernelDistillation;
