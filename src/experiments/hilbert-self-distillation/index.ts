import { lazy } from 'react';
import { request, type FrameOf } from '../../engine/job';
import { defineExperiment } from '../types';
import { commands } from './commands';
import { hilbertNnJob } from './jobs';
import {
  defaultParams,
  hilbertParamsSchema,
  nnJobParams,
  nnKeys,
  presets,
  targetFunctions,
  type HilbertParams,
} from './params';
import { initResults, reduce, type HilbertResults } from './results';

const allKeys = Object.keys(defaultParams) as (keyof HilbertParams)[];
const onOff = [
  { value: 'off', label: 'off' },
  { value: 'on', label: 'on' },
];
const synthetic = (p: Record<string, unknown>) => p.data === 'synthetic';
const nnOn = (p: Record<string, unknown>) => p.nn === 'on';

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const HilbertPanel = lazy(() => import('./Panel').then((m) => ({ default: m.HilbertPanel })));

const hilbertSelfDistillation = defineExperiment<HilbertParams, HilbertResults, FrameOf<typeof hilbertNnJob>>(
  {
    id: 'hilbert-self-distillation',
    order: 1,
    title: 'Self-distillation in Hilbert space',
    paper:
      'Mobahi, Farajtabar, Bartlett, "Self-Distillation Amplifies Regularization in Hilbert Space" (seed 001), Fig. 2–6',
    schema: hilbertParamsSchema,
    defaults: defaultParams,
    controls: [
      {
        kind: 'number',
        key: 'epsilon',
        label: 'loss tolerance ε',
        min: 1e-4,
        max: 1,
        scale: 'log',
        help: 'The constraint (1/K)Σ(f(x_k) − y_k)² ≤ ε of every round.',
      },
      {
        kind: 'choice',
        key: 'data',
        label: 'data',
        options: [
          { value: 'paper', label: 'the paper’s 9 interior points' },
          { value: 'synthetic', label: 'synthetic (choose below)' },
        ],
        help: 'Training points.',
      },
      {
        kind: 'choice',
        key: 'target',
        label: 'target function',
        options: Object.keys(targetFunctions).map((t) => ({ value: t, label: t })),
        help: 'Underlying function of the synthetic data.',
        enabledWhen: synthetic,
      },
      {
        kind: 'number',
        key: 'points',
        label: 'number of points K',
        min: 3,
        max: 60,
        scale: 'linear',
        integer: true,
        help: 'Evenly spaced points.',
        enabledWhen: synthetic,
      },
      {
        kind: 'number',
        key: 'noise',
        label: 'noise σ',
        min: 0,
        max: 2,
        scale: 'linear',
        help: 'Label noise of the synthetic data.',
        enabledWhen: synthetic,
      },
      {
        kind: 'choice',
        key: 'endpoints',
        label: 'points at x = 0 and 1',
        options: onOff,
        help: 'The Green’s function vanishes there: those points cannot be fitted.',
        enabledWhen: synthetic,
      },
      {
        kind: 'number',
        key: 'alpha',
        label: 'label mixing α',
        min: 0,
        max: 0.95,
        scale: 'linear',
        help: 'y_t = α·y_0 + (1−α)·f_{t−1} (Dong et al.’s mixing); 0 is the paper’s process.',
      },
      {
        kind: 'number',
        key: 'maxRounds',
        label: 'rounds (when α > 0)',
        min: 1,
        max: 20,
        scale: 'linear',
        integer: true,
        help: 'With α > 0 the process does not collapse; compute this many rounds.',
      },
      {
        kind: 'choice',
        key: 'barScale',
        label: 'bar scale',
        options: [
          { value: 'linear', label: 'linear' },
          { value: 'log', label: 'log' },
        ],
        help: 'Scale of the B_t bars.',
      },
      {
        kind: 'choice',
        key: 'nn',
        label: 'train networks (Fashion-MNIST)',
        options: onOff,
        help: 'Rounds of self-distillation of a small network in the worker.',
      },
      {
        kind: 'number',
        key: 'nnRounds',
        label: 'network rounds',
        min: 1,
        max: 10,
        scale: 'linear',
        integer: true,
        help: 'Self-distillation rounds of the network.',
        enabledWhen: nnOn,
      },
      {
        kind: 'number',
        key: 'nnSeeds',
        label: 'seeds',
        min: 1,
        max: 8,
        scale: 'linear',
        integer: true,
        help: 'Independent chains of rounds (mean and band).',
        enabledWhen: nnOn,
      },
      {
        kind: 'number',
        key: 'nnHidden',
        label: 'hidden units',
        min: 16,
        max: 512,
        scale: 'log',
        integer: true,
        help: 'Width of the MLP.',
        enabledWhen: nnOn,
      },
      {
        kind: 'number',
        key: 'nnEpochs',
        label: 'epochs per round',
        min: 1,
        max: 200,
        scale: 'log',
        integer: true,
        help: 'Training epochs of each round.',
        enabledWhen: nnOn,
      },
      {
        kind: 'choice',
        key: 'nnLoss',
        label: 'network loss',
        options: [
          { value: 'l2', label: 'ℓ2 on softmax outputs' },
          { value: 'ce', label: 'cross-entropy' },
        ],
        help: 'The paper’s theory covers ℓ2.',
        enabledWhen: nnOn,
      },
      {
        kind: 'number',
        key: 'nnTrain',
        label: 'training images',
        min: 200,
        max: 4000,
        scale: 'log',
        integer: true,
        help: 'Subset of the shipped 4000.',
        enabledWhen: nnOn,
      },
      {
        kind: 'choice',
        key: 'nnEarlyStop',
        label: 'compare with early stopping (Fig. 6)',
        options: onOff,
        help: 'Train from scratch until each round’s training loss.',
        enabledWhen: nnOn,
      },
      { kind: 'seed', key: 'seed' },
    ],
    presets,
    jobFor: (p) => (p.nn === 'on' ? request(hilbertNnJob, nnJobParams(p)) : null),
    uiKeys: allKeys.filter((k) => !(nnKeys as readonly string[]).includes(k)),
    initResults,
    reduce: (r, f) => reduce(r, f),
    Panel: HilbertPanel,
    commands,
    rate: (r) =>
      r.epochsPerSec > 0 ? `network training ${r.epochsPerSec.toFixed(2)} epochs/s (all seeds)` : '',
  },
);

export default hilbertSelfDistillation;
