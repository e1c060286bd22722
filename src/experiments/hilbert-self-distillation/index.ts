import { retryableLazy } from '../../ui/retryableLazy';
import { request, type FrameOf } from '../../engine/job';
import { numberControl } from '../controls';
import { defineExperiment } from '../types';
import { figures } from './figures';
import { hilbertNnJob } from './jobs';
import {
  defaultParams,
  hilbertParamsSchema,
  nnJobParams,
  nnKeys,
  presets,
  targetFunctions,
  type HilbertParams,
  type TargetName,
} from './params';
import { initResults, reduce, type HilbertResults } from './results';
import { tour } from './tour';
import { claim } from './claim';

const allKeys = Object.keys(defaultParams) as (keyof HilbertParams)[];
const onOff = [
  { value: 'off', label: 'off' },
  { value: 'on', label: 'on' },
] as const;
const synthetic = (p: HilbertParams) => p.data === 'synthetic';
const nnOn = (p: HilbertParams) => p.nn === 'on';

/** The panel's code (d3, KaTeX) loads with the experiment, not with the app. */
const HilbertPanel = retryableLazy(() => import('./Panel').then((m) => m.HilbertPanel));
/** The paper's schematic (panel and tour card), drawn from the live params: loaded on use. */
const HilbertSchematic = retryableLazy(() => import('./Schematic').then((m) => m.HilbertSchematic));

const hilbertSelfDistillation = defineExperiment<HilbertParams, HilbertResults, FrameOf<typeof hilbertNnJob>>(
  {
    id: 'hilbert-self-distillation',
    order: 1,
    title: 'Self-distillation in Hilbert space',
    paper:
      'Mobahi, Farajtabar, Bartlett, "Self-Distillation Amplifies Regularization in Hilbert Space" (seed 001), Fig. 2–6',
    paperId: 'mobahi-2020',
    authors: 'Mobahi, Farajtabar & Bartlett',
    year: 2020,
    paperFigures: 'Fig. 2–6',
    summary:
      "Rounds of self-distillation in closed form: each round's fit, the shrinking diagonal of B_t against Prop. 5's bound, and the round where the solution collapses as ε moves.",
    keyControls: ['epsilon', 'points', 'noise'],
    schema: hilbertParamsSchema,
    defaults: defaultParams,
    controls: [
      numberControl(hilbertParamsSchema, 'epsilon', {
        label: 'loss tolerance ε',
        scale: 'log',
        help: 'The constraint (1/K)Σ(f(x_k) − y_k)² ≤ ε of every round.',
      }),
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
        options: (Object.keys(targetFunctions) as TargetName[]).map((t) => ({ value: t, label: t })),
        help: 'Underlying function of the synthetic data.',
        enabledWhen: synthetic,
      },
      numberControl(hilbertParamsSchema, 'points', {
        label: 'number of points K',
        scale: 'linear',
        help: 'Evenly spaced points.',
        enabledWhen: synthetic,
      }),
      numberControl(hilbertParamsSchema, 'noise', {
        label: 'noise σ',
        scale: 'linear',
        help: 'Label noise of the synthetic data.',
        enabledWhen: synthetic,
      }),
      {
        kind: 'choice',
        key: 'endpoints',
        label: 'points at x = 0 and 1',
        options: onOff,
        help: 'The Green’s function vanishes there: those points cannot be fitted.',
        enabledWhen: synthetic,
      },
      numberControl(hilbertParamsSchema, 'alpha', {
        label: 'label mixing α',
        scale: 'linear',
        help: 'y_t = α·y_0 + (1−α)·f_{t−1} (Dong et al.’s mixing); 0 is the paper’s process.',
      }),
      numberControl(hilbertParamsSchema, 'maxRounds', {
        label: 'rounds (when α > 0)',
        scale: 'linear',
        help: 'With α > 0 the process does not collapse; compute this many rounds.',
      }),
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
      numberControl(hilbertParamsSchema, 'nnRounds', {
        label: 'network rounds',
        scale: 'linear',
        help: 'Self-distillation rounds of the network.',
        enabledWhen: nnOn,
      }),
      numberControl(hilbertParamsSchema, 'nnSeeds', {
        label: 'seeds',
        scale: 'linear',
        help: 'Independent chains of rounds (mean and band).',
        enabledWhen: nnOn,
      }),
      numberControl(hilbertParamsSchema, 'nnHidden', {
        label: 'hidden units',
        scale: 'log',
        help: 'Width of the MLP.',
        enabledWhen: nnOn,
      }),
      numberControl(hilbertParamsSchema, 'nnEpochs', {
        label: 'epochs per round',
        scale: 'log',
        help: 'Training epochs of each round.',
        enabledWhen: nnOn,
      }),
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
      numberControl(hilbertParamsSchema, 'nnTrain', {
        label: 'training images',
        scale: 'log',
        help: 'Subset of the shipped 4000.',
        enabledWhen: nnOn,
      }),
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
    figures,
    presets,
    jobFor: (p) => (p.nn === 'on' ? request(hilbertNnJob, nnJobParams(p)) : null),
    uiKeys: allKeys.filter((k) => !(nnKeys as readonly string[]).includes(k)),
    initResults,
    reduce: (r, f) => reduce(r, f),
    Panel: HilbertPanel,
    Schematic: HilbertSchematic,
    tour,
    claim,
    rate: (r) =>
      r.epochsPerSec > 0 ? `network training ${r.epochsPerSec.toFixed(2)} epochs/s (all seeds)` : '',
  },
);

export default hilbertSelfDistillation;
