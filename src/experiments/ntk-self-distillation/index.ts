import { lazy } from 'react';
import { request, type FrameOf } from '../../engine/job';
import { defineExperiment } from '../types';
import { commands } from './commands';
import { ntkExperimentJob } from './jobs';
import { defaultParams, ntkParamsSchema, presets, type NtkParams } from './params';
import { initResults, reduce, type NtkResults } from './results';

const clusters = (p: Record<string, unknown>) => p.data === 'clusters';
const fashion = (p: Record<string, unknown>) => p.data === 'fashion';
const fig1On = (p: Record<string, unknown>) => p.fig1 === 'on';

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const NtkPanel = lazy(() => import('./Panel').then((m) => ({ default: m.NtkPanel })));

const ntkSelfDistillation = defineExperiment<NtkParams, NtkResults, FrameOf<typeof ntkExperimentJob>>({
  id: 'ntk-self-distillation',
  order: 2,
  title: 'NTK eigenspaces and self-distillation under label noise',
  paper:
    'Dong, Hu, Wu, Hu, Yan, "Distillation ≈ Early Stopping? Harvesting Dark Knowledge Utilizing Anisotropic Information Retrieval" (seed 000), Fig. 1, 2, 4, 5, Table 1',
  schema: ntkParamsSchema,
  defaults: defaultParams,
  controls: [
    {
      kind: 'number',
      key: 'lambda',
      label: 'distillation ratio λ',
      min: 0,
      max: 2,
      scale: 'linear',
      help: '1 − α_t = λ·(accuracy); 0 is normal training.',
    },
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
    {
      kind: 'number',
      key: 'tau',
      label: 'temperature τ',
      min: 0.05,
      max: 5,
      scale: 'log',
      help: 'For h = softmax.',
      enabledWhen: (p) => p.h === 'softmax',
    },
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
    {
      kind: 'number',
      key: 'rho',
      label: 'flip probability ρ',
      min: 0,
      max: 0.49,
      scale: 'linear',
      help: 'Each cluster label is flipped with this probability.',
      enabledWhen: clusters,
    },
    {
      kind: 'number',
      key: 'p',
      label: 'label noise p',
      min: 0,
      max: 0.9,
      scale: 'linear',
      help: 'Each label replaced by another class with this probability.',
      enabledWhen: fashion,
    },
    {
      kind: 'number',
      key: 'n',
      label: 'training points n',
      min: 16,
      max: 512,
      scale: 'log',
      integer: true,
      help: 'Full-batch size.',
    },
    {
      kind: 'number',
      key: 'd',
      label: 'input dimension d',
      min: 2,
      max: 128,
      scale: 'log',
      integer: true,
      help: 'Cluster data dimension.',
      enabledWhen: clusters,
    },
    {
      kind: 'number',
      key: 'clusters',
      label: 'clusters K',
      min: 2,
      max: 16,
      scale: 'linear',
      integer: true,
      help: 'Number of clusters.',
      enabledWhen: clusters,
    },
    {
      kind: 'number',
      key: 'radius',
      label: 'cluster radius ε',
      min: 0,
      max: 1,
      scale: 'linear',
      help: 'Points lie within this distance of their centre.',
      enabledWhen: clusters,
    },
    {
      kind: 'number',
      key: 'width',
      label: 'width k',
      min: 16,
      max: 8192,
      scale: 'log',
      integer: true,
      help: 'Hidden units (even).',
    },
    {
      kind: 'number',
      key: 'etaScale',
      label: 'step size η × top NTK eigenvalue',
      min: 0.05,
      max: 2,
      scale: 'log',
      help: 'η = this / λ_max of the empirical NTK at init (1 is the default; ≥ 2 diverges).',
    },
    {
      kind: 'number',
      key: 'iterations',
      label: 'iterations',
      min: 10,
      max: 20000,
      scale: 'log',
      integer: true,
      help: 'Full-batch GD steps.',
    },
    {
      kind: 'number',
      key: 'topK',
      label: 'top-k eigenspace',
      min: 1,
      max: 20,
      scale: 'linear',
      integer: true,
      help: 'k of Fig. 2, Fig. 5 and the AIR view.',
    },
    {
      kind: 'number',
      key: 'draws',
      label: 'draws (Fig. 2)',
      min: 2,
      max: 40,
      scale: 'linear',
      integer: true,
      help: 'Independent data sets averaged in Fig. 2.',
    },
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
    {
      kind: 'number',
      key: 'fig1Epochs',
      label: 'Fig. 1: longest teacher (epochs)',
      min: 5,
      max: 200,
      scale: 'log',
      integer: true,
      help: 'Teachers at 1/5, 2/5, … of it (the paper: 40, 80, …, 200).',
      enabledWhen: fig1On,
    },
    {
      kind: 'number',
      key: 'fig1Temperature',
      label: 'Fig. 1: temperature T',
      min: 0.5,
      max: 20,
      scale: 'log',
      help: 'The students learn softmax(z/T) of the teacher’s logits z.',
      enabledWhen: fig1On,
    },
    {
      kind: 'number',
      key: 'fig1Seeds',
      label: 'Fig. 1: seeds',
      min: 1,
      max: 4,
      scale: 'linear',
      integer: true,
      help: 'Teacher–student pairs per epoch count (mean and band).',
      enabledWhen: fig1On,
    },
    { kind: 'seed', key: 'seed' },
  ],
  presets,
  jobFor: (params) => request(ntkExperimentJob, params),
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: NtkPanel,
  commands,
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
