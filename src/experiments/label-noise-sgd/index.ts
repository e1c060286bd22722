import { retryableLazy } from '../../ui/retryableLazy';
import { request, type FrameOf } from '../../engine/job';
import { numberControl } from '../controls';
import { defineExperiment } from '../types';
import { figures } from './figures';
import { labelNoiseSgdJob } from './jobs';
import { covChoices, defaultParams, gridChoices, olsParamsSchema, presets, type OlsParams } from './params';
import { initResults, reduce, type OlsResults } from './results';
import { tour } from './tour';
import { claim } from './claim';

const fmtRate = (v: number) => (v > 0 ? v.toExponential(2) : '—');
const engineLabel = {
  js: 'typed-array loop',
  'js-pool': 'typed-array loop',
  tfjs: 'tfjs ops',
  wgsl: 'fused WGSL kernel',
} as const;

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const OlsPanel = retryableLazy(() => import('./Panel').then((m) => m.OlsPanel));

const custom = (p: OlsParams) => p.cov === 'custom';

const labelNoiseSgd = defineExperiment<OlsParams, OlsResults, FrameOf<typeof labelNoiseSgdJob>>({
  id: 'label-noise-sgd',
  order: 0,
  title: 'SGD with unbiased label noise',
  paper:
    'Xiong et al., "Implicit Regularization Effects of Unbiased Random Label Noises with SGD" (seed 004), Fig. 1',
  paperId: 'xiong-2023',
  authors: 'Xiong et al.',
  year: 2023,
  paperFigures: 'Fig. 1',
  summary:
    'SGD paths on noisy and clean labels with a cloud of up to 2²⁰ chains, and the exact stationary covariance drawn over them as it reshapes with σ², η and B.',
  keyControls: ['sigma2', 'eta', 'batch'],
  schema: olsParamsSchema,
  defaults: defaultParams,
  controls: [
    {
      kind: 'choice',
      key: 'grid',
      label: 'layout',
      options: gridChoices.map((g) => ({
        value: g,
        label: g === 'single' ? 'single panel' : `Figure ${g.replace('fig', '').replace('-', '–')}`,
      })),
      help: 'One panel, or the paper’s four-panel grids.',
    },
    {
      kind: 'choice',
      key: 'cov',
      label: 'input covariance Σ',
      options: covChoices.map((c) => ({ value: c, label: c === 'custom' ? 'custom (entries below)' : c })),
      help: 'Distribution of the inputs x ~ N(0, Σ).',
    },
    numberControl(olsParamsSchema, 'sigma2', {
      label: 'label-noise variance σ²',
      scale: 'log',
      help: 'Variance of the label noise ε, drawn once before training.',
    }),
    numberControl(olsParamsSchema, 'sxx', {
      label: 'Σ₁₁ (custom)',
      scale: 'log',
      help: 'Custom Σ entry',
      enabledWhen: custom,
    }),
    numberControl(olsParamsSchema, 'syy', {
      label: 'Σ₂₂ (custom)',
      scale: 'log',
      help: 'Custom Σ entry',
      enabledWhen: custom,
    }),
    // The schema takes |Σ₁₂| ≤ 1000 (Σ₁₁, Σ₂₂ go to 1000), but Σ must stay positive definite: at the
    // usual Σ₁₁ = Σ₂₂ = 20 only |Σ₁₂| < 20 is valid, 1 % of a ±1000 track. The slider keeps ±100 (the box
    // takes the schema's whole range).
    numberControl(olsParamsSchema, 'sxy', {
      label: 'Σ₁₂ (custom)',
      scale: 'linear',
      uiMin: -100,
      uiMax: 100,
      help: 'Custom Σ entry; Σ must stay positive definite',
      enabledWhen: custom,
    }),
    numberControl(olsParamsSchema, 'eta', {
      label: 'learning rate η',
      scale: 'log',
      help: 'SGD step size. Too large and SGD diverges in mean square.',
    }),
    numberControl(olsParamsSchema, 'batch', {
      label: 'batch size B',
      scale: 'log',
      help: 'Distinct indices per step (B ≤ N).',
    }),
    numberControl(olsParamsSchema, 'n', {
      label: 'data points N',
      scale: 'log',
      help: 'Number of training points.',
    }),
    numberControl(olsParamsSchema, 'iterations', {
      label: 'iterations',
      scale: 'log',
      help: 'Length of the single SGD path.',
    }),
    numberControl(olsParamsSchema, 'speed', {
      label: 'iterations per frame',
      scale: 'log',
      help: 'Animation speed of the path.',
    }),
    numberControl(olsParamsSchema, 'chains', {
      label: 'parallel chains',
      scale: 'log',
      help: 'Independent SGD chains forming the stationary cloud.',
    }),
    numberControl(olsParamsSchema, 'chainSteps', {
      label: 'chain steps',
      scale: 'log',
      help: 'How long the chains run.',
    }),
    {
      kind: 'choice',
      key: 'view',
      label: 'view',
      options: [
        { value: 'zoom', label: 'stationary region' },
        { value: 'full', label: 'whole path' },
      ],
      help: 'Zoom on β̂ or show the whole path.',
    },
    {
      kind: 'choice',
      key: 'sweep',
      label: 'eq. (16) against',
      options: [
        { value: 'sigma2', label: 'σ² (label noise)' },
        { value: 'eta', label: 'η (learning rate)' },
        { value: 'batch', label: 'B (batch size)' },
      ],
      help: 'The axis of the implicit-regulariser figures below the panels; the others stay at the sliders.',
    },
    { kind: 'seed', key: 'seed' },
  ],
  figures,
  presets,
  jobFor: (params) => request(labelNoiseSgdJob, params),
  uiKeys: ['view', 'sweep'],
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: OlsPanel,
  tour,
  claim,
  rate: (r) =>
    r.frames === 0
      ? ''
      : `path ${fmtRate(r.pathItersPerSec)} it/s · chains ${fmtRate(r.chainStepsPerSec)} chain-steps/s (${engineLabel[r.engine ?? 'js']}${r.threads > 1 ? ` on ${r.threads} threads` : ''})`,
});

export default labelNoiseSgd;
