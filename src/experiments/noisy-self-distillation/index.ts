import { lazy } from 'react';
import { request, type FrameOf } from '../../engine/job';
import { defineExperiment } from '../types';
import { commands } from './commands';
import { noisyDistillJob } from './jobs';
import { defaultParams, jobParams, pageSchema, presets, type PageParams } from './params';
import { initResults, reduce, type NoisyResults } from './results';

const NoisyPanel = lazy(() => import('./Panel').then((m) => ({ default: m.NoisyPanel })));
const hasGaussian = (p: Record<string, unknown>) => p.noise !== 'symmetric';
const hasSymmetric = (p: Record<string, unknown>) => p.noise !== 'gaussian';

const noisySelfDistillation = defineExperiment<PageParams, NoisyResults, FrameOf<typeof noisyDistillJob>>({
  id: 'noisy-self-distillation',
  order: 0.5, // right after the least-squares view of the same paper
  title: 'Noisy self-distillation: gradient norm vs label noise',
  paper:
    'Xiong et al., "Implicit Regularization Effects of Unbiased Random Label Noises with SGD" (seed 004), §5, Fig. 2–3',
  schema: pageSchema,
  defaults: defaultParams,
  controls: [
    {
      kind: 'choice',
      key: 'noise',
      label: 'noise on the teacher’s logits',
      options: [
        { value: 'gaussian', label: 'Gaussian N(0, σ²I)' },
        { value: 'symmetric', label: 'symmetric swaps (p)' },
        { value: 'both', label: 'both (Fig. 3)' },
      ],
      help: 'Drawn afresh every iteration; the noiseless student (σ² = p = 0) always runs too.',
    },
    {
      kind: 'number',
      key: 'sigma2',
      label: 'largest σ²',
      min: 0.01,
      max: 10,
      scale: 'log',
      help: 'The sweep’s σ² levels are σ²·4^−k: e.g. 0.5, 2, 8 for σ² = 8 and 3 levels.',
      enabledWhen: hasGaussian,
    },
    {
      kind: 'number',
      key: 'p',
      label: 'largest swap probability p',
      min: 0.01,
      max: 1,
      scale: 'linear',
      help: 'The sweep’s p levels are evenly spaced up to p.',
      enabledWhen: hasSymmetric,
    },
    {
      kind: 'number',
      key: 'levels',
      label: 'noise levels',
      min: 1,
      max: 6,
      scale: 'linear',
      integer: true,
      help: 'Noisy levels per kind, besides the noiseless baseline.',
    },
    {
      kind: 'number',
      key: 'epochs',
      label: 'distillation epochs',
      min: 1,
      max: 100,
      scale: 'log',
      integer: true,
      help: 'Student training epochs (SGD).',
    },
    {
      kind: 'number',
      key: 'seeds',
      label: 'seeds',
      min: 1,
      max: 6,
      scale: 'linear',
      integer: true,
      help: 'Students per level (mean and band); they share initialisation and batches across levels.',
    },
    {
      kind: 'number',
      key: 'hidden',
      label: 'hidden units',
      min: 16,
      max: 256,
      scale: 'log',
      integer: true,
      help: 'Width of the teacher and student MLP 784–h–10.',
    },
    {
      kind: 'number',
      key: 'lr',
      label: 'student learning rate η',
      min: 1e-4,
      max: 0.5,
      scale: 'log',
      help: 'Plain SGD: eq. (16)’s strength is ησ²/B·(average gradient norm).',
    },
    {
      kind: 'number',
      key: 'batchSize',
      label: 'batch size B',
      min: 8,
      max: 256,
      scale: 'log',
      integer: true,
      help: 'Minibatch of teacher and students.',
    },
    {
      kind: 'number',
      key: 'teacherEpochs',
      label: 'teacher epochs',
      min: 1,
      max: 50,
      scale: 'log',
      integer: true,
      help: 'The teacher: cross-entropy on the labels, Adam.',
    },
    {
      kind: 'number',
      key: 'trainSize',
      label: 'training images',
      min: 200,
      max: 4000,
      scale: 'log',
      integer: true,
      help: '20% of them held out for validation.',
    },
    { kind: 'seed', key: 'seed' },
  ],
  presets,
  jobFor: (p) => request(noisyDistillJob, jobParams(p)),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: NoisyPanel,
  commands,
  rate: (r) => (r.done ? `${r.done.studentsPerSec.toFixed(2)} students/s` : ''),
});

export default noisySelfDistillation;
