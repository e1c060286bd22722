import { retryableLazy } from '../../ui/retryableLazy';
import { request, type FrameOf } from '../../engine/job';
import { numberControl } from '../controls';
import { defineExperiment } from '../types';
import { figures } from './figures';
import { ntkExperimentJob } from './jobs';
import { defaultParams, ntkParamsSchema, presets, type NtkParams } from './params';
import { initResults, reduce, type NtkResults } from './results';
import { tour } from './tour';
import { claim } from './claim';

const clusters = (p: NtkParams) => p.data === 'clusters';
const fashion = (p: NtkParams) => p.data === 'fashion';
const fig1On = (p: NtkParams) => p.fig1 === 'on';

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const NtkPanel = retryableLazy(() => import('./Panel').then((m) => m.NtkPanel));
/** The paper's schematic (panel and tour card), drawn from the live params: loaded on use. */
const NtkSchematic = retryableLazy(() => import('./Schematic').then((m) => m.NtkSchematic));

const ntkSelfDistillation = defineExperiment<NtkParams, NtkResults, FrameOf<typeof ntkExperimentJob>>({
  id: 'ntk-self-distillation',
  order: 2,
  title: 'NTK eigenspaces and self-distillation under label noise',
  paper:
    'Dong, Hou, Lu & Zhang, "Distillation ≈ Early Stopping? Harvesting Dark Knowledge Utilizing Anisotropic Information Retrieval" (seed 000), Fig. 1, 2, 4, 5, Table 1',
  paperId: 'dong-2019',
  authors: 'Dong, Hou, Lu & Zhang',
  year: 2019,
  paperFigures: 'Fig. 1, 2, 4, 5, Table 1',
  summary:
    "Normal training against Algorithm 1 from the same start, with the NTK's top eigenspace: who fits the label noise, and when.",
  keyControls: ['p', 'width', 'lambda'],
  schema: ntkParamsSchema,
  defaults: defaultParams,
  controls: [
    numberControl(ntkParamsSchema, 'lambda', {
      label: 'distillation ratio λ',
      scale: 'linear',
      help: '1 − α_t = λ·(accuracy); 0 is normal training.',
    }),
    {
      kind: 'choice',
      key: 'alphaRule',
      label: 'α rule',
      options: [
        { value: 'chance', label: 'chance-corrected (default for 2 classes)' },
        { value: 'paper', label: 'the paper’s: 1 − α = λ·acc' },
        { value: 'linear', label: 'slow linear decay (Theorem 1)' },
      ],
      help: 'How α_t follows the accuracy.',
    },
    {
      kind: 'choice',
      key: 'h',
      label: 'label function h',
      options: [
        { value: 'sign', label: 'sign / hardmax' },
        { value: 'softmax', label: 'softmax with temperature τ' },
        { value: 'piecewise', label: 'piecewise linear (Theorem 1)' },
      ],
      help: 'h(f(x)) in the target.',
    },
    numberControl(ntkParamsSchema, 'tau', {
      label: 'temperature τ',
      scale: 'log',
      help: 'For h = softmax.',
      enabledWhen: (p) => p.h === 'softmax',
    }),
    {
      kind: 'choice',
      key: 'data',
      label: 'data',
      options: [
        { value: 'clusters', label: 'noisy clusters (Definition 1)' },
        { value: 'fashion', label: 'Fashion-MNIST subset, symmetric noise' },
      ],
      help: 'Training data.',
    },
    numberControl(ntkParamsSchema, 'rho', {
      label: 'flip probability ρ',
      scale: 'linear',
      // The schema's bound is exclusive (ρ < ½: the true label must dominate): the slider stops short of it.
      uiMax: 0.49,
      help: 'Each cluster label is flipped with this probability.',
      enabledWhen: clusters,
    }),
    numberControl(ntkParamsSchema, 'p', {
      label: 'label noise p',
      scale: 'linear',
      help: 'Each label replaced by another class with this probability.',
      enabledWhen: fashion,
    }),
    numberControl(ntkParamsSchema, 'n', {
      label: 'training points n',
      scale: 'log',
      help: 'Full-batch size.',
    }),
    numberControl(ntkParamsSchema, 'd', {
      label: 'input dimension d',
      scale: 'log',
      help: 'Cluster data dimension.',
      enabledWhen: clusters,
    }),
    numberControl(ntkParamsSchema, 'clusters', {
      label: 'clusters K',
      scale: 'linear',
      help: 'Number of clusters.',
      enabledWhen: clusters,
    }),
    numberControl(ntkParamsSchema, 'radius', {
      label: 'cluster radius ε',
      scale: 'linear',
      help: 'Points lie within this distance of their centre.',
      enabledWhen: clusters,
    }),
    numberControl(ntkParamsSchema, 'width', {
      label: 'width k',
      scale: 'log',
      step: 2,
      help: 'Hidden units (even).',
    }),
    numberControl(ntkParamsSchema, 'etaScale', {
      label: 'step size η × top NTK eigenvalue',
      scale: 'log',
      help: 'η = this / λ_max of the empirical NTK at init (1 is the default; ≥ 2 diverges).',
    }),
    numberControl(ntkParamsSchema, 'iterations', {
      label: 'iterations',
      scale: 'log',
      help: 'Full-batch GD steps.',
    }),
    numberControl(ntkParamsSchema, 'topK', {
      label: 'top-k eigenspace',
      scale: 'linear',
      help: 'k of Fig. 2, Fig. 5 and the AIR view.',
    }),
    numberControl(ntkParamsSchema, 'draws', {
      label: 'draws (Fig. 2)',
      scale: 'linear',
      help: 'Independent data sets averaged in Fig. 2.',
    }),
    {
      kind: 'choice',
      key: 'fig1',
      label: 'Figure 1: teacher epochs → student',
      options: [
        { value: 'off', label: 'off' },
        { value: 'on', label: 'on (trains after the rest)' },
      ],
      help: 'Five teachers (MLP 784–256–10) trained for k/5 of the epochs below, a small student from each.',
    },
    numberControl(ntkParamsSchema, 'fig1Epochs', {
      label: 'Fig. 1: longest teacher (epochs)',
      scale: 'log',
      help: 'Teachers at 1/5, 2/5, … of it (the paper: 40, 80, …, 200).',
      enabledWhen: fig1On,
    }),
    numberControl(ntkParamsSchema, 'fig1Temperature', {
      label: 'Fig. 1: temperature T',
      scale: 'log',
      help: 'The students learn softmax(z/T) of the teacher’s logits z.',
      enabledWhen: fig1On,
    }),
    numberControl(ntkParamsSchema, 'fig1Seeds', {
      label: 'Fig. 1: seeds',
      scale: 'linear',
      help: 'Teacher–student pairs per epoch count (mean and band).',
      enabledWhen: fig1On,
    }),
    { kind: 'seed', key: 'seed' },
  ],
  figures,
  presets,
  jobFor: (params) => request(ntkExperimentJob, params),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: NtkPanel,
  Schematic: NtkSchematic,
  tour,
  claim,
  rate: (r) =>
    r.done
      ? `${r.done.stepsPerSecond.toFixed(1)} GD steps/s`
      : r.progress
        ? `iteration ${r.progress.iteration}/${r.progress.iterations}`
        : r.theory
          ? 'training…'
          : 'computing the NTK spectrum…',
});

export default ntkSelfDistillation;
