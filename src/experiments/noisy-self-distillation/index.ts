import { retryableLazy } from '../../ui/retryableLazy';
import { request, type FrameOf } from '../../engine/job';
import { numberControl } from '../controls';
import { defineExperiment } from '../types';
import { figures } from './figures';
import { noisyDistillJob } from './jobs';
import { defaultParams, jobParams, pageSchema, presets, type PageParams } from './params';
import { initResults, reduce, type NoisyResults } from './results';
import { tour } from './tour';
import { claim } from './claim';

const NoisyPanel = retryableLazy(() => import('./Panel').then((m) => m.NoisyPanel));
/** The paper's schematic (panel and tour card), drawn from the live params: loaded on use. */
const NoisySchematic = retryableLazy(() => import('./Schematic').then((m) => m.NoisySchematic));
const hasGaussian = (p: PageParams) => p.noise !== 'symmetric';
const hasSymmetric = (p: PageParams) => p.noise !== 'gaussian';

const noisySelfDistillation = defineExperiment<PageParams, NoisyResults, FrameOf<typeof noisyDistillJob>>({
  id: 'noisy-self-distillation',
  order: 0.5, // right after the least-squares view of the same paper
  title: 'Noisy self-distillation: gradient norm vs label noise',
  paper:
    'Xiong et al., "Implicit Regularization Effects of Unbiased Random Label Noises with SGD" (seed 004), §5, Fig. 2–3',
  paperId: 'xiong-2023',
  authors: 'Xiong et al.',
  year: 2023,
  paperFigures: 'Fig. 2–3',
  summary:
    'A teacher network on Fashion-MNIST, then students on its noisy logits at every noise level at once: how the noise shrinks the loss gradient and which level validation picks.',
  keyControls: ['sigma2', 'p', 'epochs'],
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
    numberControl(pageSchema, 'sigma2', {
      label: 'largest σ²',
      scale: 'log',
      help: 'The sweep’s σ² levels are σ²·4^−k: e.g. 0.5, 2, 8 for σ² = 8 and 3 levels.',
      enabledWhen: hasGaussian,
    }),
    numberControl(pageSchema, 'p', {
      label: 'largest swap probability p',
      scale: 'linear',
      help: 'The sweep’s p levels are evenly spaced up to p.',
      enabledWhen: hasSymmetric,
    }),
    numberControl(pageSchema, 'levels', {
      label: 'noise levels',
      scale: 'linear',
      help: 'Noisy levels per kind, besides the noiseless baseline.',
    }),
    numberControl(pageSchema, 'epochs', {
      label: 'distillation epochs',
      scale: 'log',
      help: 'Student training epochs (SGD).',
    }),
    numberControl(pageSchema, 'seeds', {
      label: 'seeds',
      scale: 'linear',
      help: 'Students per level (mean and band); they share initialisation and batches across levels.',
    }),
    numberControl(pageSchema, 'hidden', {
      label: 'hidden units',
      scale: 'log',
      help: 'Width of the teacher and student MLP 784–h–10.',
    }),
    numberControl(pageSchema, 'lr', {
      label: 'student learning rate η',
      scale: 'log',
      help: 'Plain SGD: eq. (16)’s strength is ησ²/B·(average gradient norm).',
    }),
    numberControl(pageSchema, 'batchSize', {
      label: 'batch size B',
      scale: 'log',
      help: 'Minibatch of teacher and students.',
    }),
    numberControl(pageSchema, 'teacherEpochs', {
      label: 'teacher epochs',
      scale: 'log',
      help: 'The teacher: cross-entropy on the labels, Adam.',
    }),
    numberControl(pageSchema, 'trainSize', {
      label: 'training images',
      scale: 'log',
      help: '20% of them held out for validation.',
    }),
    { kind: 'seed', key: 'seed' },
  ],
  figures,
  presets,
  jobFor: (p) => request(noisyDistillJob, jobParams(p)),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: NoisyPanel,
  Schematic: NoisySchematic,
  tour,
  claim,
  rate: (r) => (r.done ? `${r.done.studentsPerSec.toFixed(2)} students/s` : ''),
});

export default noisySelfDistillation;
