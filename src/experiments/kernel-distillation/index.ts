import { retryableLazy } from '../../ui/retryableLazy';
import { request, type FrameOf } from '../../engine/job';
import { numberControl } from '../controls';
import { defineExperiment } from '../types';
import { figures } from './figures';
import { kdJob } from './jobs';
import { defaultParams, kdParamsSchema, presets, type KdParams } from './params';
import { initResults, reduce, type KdResults } from './results';
import { tour } from './tour';
import { claim } from './claim';

const KdPanel = retryableLazy(() => import('./Panel').then((m) => m.KdPanel));
/** The paper's schematic (panel and tour card), drawn from the live params: loaded on use. */
const KdSchematic = retryableLazy(() => import('./Schematic').then((m) => m.KdSchematic));
const synthetic = (p: KdParams) => p.data === 'synthetic';

const kernelDistillation = defineExperiment<KdParams, KdResults, FrameOf<typeof kdJob>>({
  id: 'kernel-distillation',
  order: 4,
  title: 'Knowledge distillation in the kernel regime',
  paper:
    'Rahbar, Panahi, Bhattacharyya, Dubhashi, Chehreghani, "On the Unreasonable Effectiveness of Knowledge Distillation: Analysis in the Kernel Regime" (seed 002), Fig. 1–6, Theorems 1 and 3',
  paperId: 'rahbar-2020',
  authors: 'Rahbar et al.',
  year: 2020,
  paperFigures: 'Fig. 1–6',
  summary:
    "A teacher and seven students trained side by side in the kernel regime, with Theorem 1's limit and Theorem 3's poles over the measured losses.",
  keyControls: ['lambda', 'n', 'labelNoise'],
  schema: kdParamsSchema,
  defaults: defaultParams,
  controls: [
    numberControl(kdParamsSchema, 'lambda', {
      label: 'distillation weight λ',
      scale: 'log',
      help: 'Weight of the teacher-feature term of objective (2) for the live student (the teacher is kept).',
    }),
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
    numberControl(kdParamsSchema, 'n', {
      label: 'training points n',
      scale: 'log',
      help: 'Theorem 1 needs n ≤ d.',
    }),
    numberControl(kdParamsSchema, 'd', {
      label: 'input dimension d',
      scale: 'log',
      help: 'Synthetic data only (Fashion-MNIST: 784).',
      enabledWhen: synthetic,
    }),
    numberControl(kdParamsSchema, 'nTest', {
      label: 'test points',
      scale: 'log',
      help: 'Fashion-MNIST: at most 200.',
    }),
    numberControl(kdParamsSchema, 'labelNoise', {
      label: 'label noise',
      scale: 'linear',
      help: 'Fraction of training labels flipped (test labels clean).',
    }),
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
    numberControl(kdParamsSchema, 'teacherWidth', {
      label: 'teacher width m̄',
      scale: 'log',
      help: 'Paper: 100.',
    }),
    numberControl(kdParamsSchema, 'studentWidth', {
      label: 'student width m',
      scale: 'log',
      help: 'Units sampled from the teacher. Paper: 20.',
    }),
    numberControl(kdParamsSchema, 'initScale', {
      label: 'init scale κ',
      scale: 'log',
      help: 'w ~ N(0, κ² I). Paper: 0.01.',
    }),
    numberControl(kdParamsSchema, 'stepScale', {
      label: 'step scale s',
      scale: 'log',
      help: 'Per run η = s/((1 + λ)·λ_max(XXᵀ)); s < 2 is stable.',
    }),
    numberControl(kdParamsSchema, 'teacherIterations', {
      label: 'teacher iterations',
      scale: 'log',
      help: 'Full-batch GD steps of the teacher.',
    }),
    numberControl(kdParamsSchema, 'studentIterations', {
      label: 'student iterations',
      scale: 'log',
      help: 'Full-batch GD steps of every student.',
    }),
    numberControl(kdParamsSchema, 'imperfectAt', {
      label: 'imperfect teacher: fraction of its training',
      scale: 'log',
      help: 'Fig. 3: the early teacher’s weights.',
    }),
    numberControl(kdParamsSchema, 'nVal', {
      label: 'validation points',
      scale: 'log',
      help: 'Held out, labels noised like the training labels: for early stopping.',
    }),
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
    numberControl(kdParamsSchema, 'overlapTop', {
      label: 'Fig. 5/6: top eigenvectors of H∞',
      scale: 'log',
      help: 'The overlap α averages |⟨φ_k, v_j⟩| over this many eigenvectors (at most n).',
    }),
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
    numberControl(kdParamsSchema, 'nystromRank', {
      label: 'Nyström rank r',
      scale: 'log',
      help: 'Landmarks: r training points (at most n); the networks get r-dimensional inputs.',
      enabledWhen: (p) => p.embed === 'on',
    }),
    { kind: 'seed', key: 'seed' },
  ],
  figures,
  presets,
  jobFor: (p) => request(kdJob, p),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: KdPanel,
  Schematic: KdSchematic,
  tour,
  claim,
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
