import { lazy } from 'react';
import { request, type FrameOf } from '../../engine/job';
import { defineExperiment } from '../types';
import { commands } from './commands';
import { labelNoiseSgdJob } from './jobs';
import {
  controls,
  covChoices,
  defaultParams,
  gridChoices,
  olsParamsSchema,
  presets,
  type OlsParams,
} from './params';
import { initResults, reduce, type OlsResults } from './results';

const fmtRate = (v: number) => (v > 0 ? v.toExponential(2) : '—');
const engineLabel = {
  js: 'typed-array loop',
  'js-pool': 'typed-array loop',
  tfjs: 'tfjs ops',
  wgsl: 'fused WGSL kernel',
} as const;

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const OlsPanel = lazy(() => import('./Panel').then((m) => ({ default: m.OlsPanel })));

const control = (key: keyof OlsParams) => {
  const c = controls.find((x) => x.key === key);
  if (!c) throw new Error(`label-noise-sgd: no control spec for ${key}`);
  return { ...c, kind: 'number' as const };
};

const labelNoiseSgd = defineExperiment<OlsParams, OlsResults, FrameOf<typeof labelNoiseSgdJob>>({
  id: 'label-noise-sgd',
  order: 0,
  title: 'SGD with unbiased label noise',
  paper:
    'Xiong et al., "Implicit Regularization Effects of Unbiased Random Label Noises with SGD" (seed 004), Fig. 1',
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
    control('sigma2'),
    {
      kind: 'number',
      key: 'sxx',
      enabledWhen: (p) => p.cov === 'custom',
      label: 'Σ₁₁ (custom)',
      min: 0.01,
      max: 1000,
      scale: 'log',
      help: 'Custom Σ entry',
    },
    {
      kind: 'number',
      key: 'syy',
      enabledWhen: (p) => p.cov === 'custom',
      label: 'Σ₂₂ (custom)',
      min: 0.01,
      max: 1000,
      scale: 'log',
      help: 'Custom Σ entry',
    },
    {
      kind: 'number',
      key: 'sxy',
      enabledWhen: (p) => p.cov === 'custom',
      label: 'Σ₁₂ (custom)',
      min: -100,
      max: 100,
      scale: 'linear',
      help: 'Custom Σ entry; Σ must stay positive definite',
    },
    ...(['eta', 'batch', 'n', 'iterations', 'speed', 'chains', 'chainSteps'] as const).map(control),
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
  presets,
  jobFor: (params) => request(labelNoiseSgdJob, params),
  uiKeys: ['view', 'sweep'],
  initResults,
  reduce: (r, f) => reduce(r, f),
  Panel: OlsPanel,
  commands,
  rate: (r) =>
    r.frames === 0
      ? ''
      : `path ${fmtRate(r.pathItersPerSec)} it/s · chains ${fmtRate(r.chainStepsPerSec)} chain-steps/s (${engineLabel[r.engine ?? 'js']}${r.threads > 1 ? ` on ${r.threads} threads` : ''})`,
});

export default labelNoiseSgd;
