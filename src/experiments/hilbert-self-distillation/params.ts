import { z } from 'zod';
import { finite, int, onOff } from '../../schema/numbers';
import { defaultNnParams, nnParamsBase, type NnParams } from './nnParams';

export const targetFunctions = {
  'sin(2πx)': (x: number) => Math.sin(2 * Math.PI * x),
  'sin(4πx)': (x: number) => Math.sin(4 * Math.PI * x),
  'x(1−x)·4': (x: number) => 4 * x * (1 - x),
  'step at ½': (x: number) => (x < 0.5 ? 1 : -1),
  '|x−½|·2': (x: number) => 2 * Math.abs(x - 0.5),
} as const;
export type TargetName = keyof typeof targetFunctions;
const targetNames = Object.keys(targetFunctions) as [TargetName, ...TargetName[]];

const nn = nnParamsBase.shape;

export const hilbertParamsSchema = z.object({
  epsilon: finite(1e-4, 1),
  data: z.enum(['paper', 'synthetic']),
  target: z.enum(targetNames),
  points: int(3, 60),
  noise: finite(0, 2),
  endpoints: onOff,
  alpha: finite(0, 0.95),
  maxRounds: int(1, 20),
  seed: int(0, 2_147_483_647),
  // view-only
  round: int(0, 200),
  greenT: finite(0, 1),
  barScale: z.enum(['log', 'linear']),
  // the neural-network part (runs in the worker, only when switched on): the job's params (nnParams.ts)
  nn: onOff,
  nnRounds: nn.rounds,
  nnSeeds: nn.seeds,
  nnHidden: nn.hidden,
  nnEpochs: nn.epochs,
  nnLoss: nn.loss,
  // The UI's floor: the job accepts 10 images (tests, headless), the page trains on at least 200.
  nnTrain: nn.trainSize.min(200),
  nnEarlyStop: onOff,
});
export type HilbertParams = z.infer<typeof hilbertParamsSchema>;

export const defaultParams: HilbertParams = {
  epsilon: 0.04,
  data: 'paper',
  target: 'sin(2πx)',
  points: 11,
  noise: 0.5,
  endpoints: 'off',
  alpha: 0,
  maxRounds: 10,
  seed: 1,
  round: 200,
  greenT: 0.3,
  barScale: 'linear',
  nn: 'off',
  nnRounds: 5,
  nnSeeds: 2,
  nnHidden: 64,
  nnEpochs: 10,
  nnLoss: 'l2',
  nnTrain: 1000,
  nnEarlyStop: 'off',
};

/** The keys that change what the worker trains; everything else is exact and redrawn on the main thread. */
export const nnKeys = [
  'nn',
  'nnRounds',
  'nnSeeds',
  'nnHidden',
  'nnEpochs',
  'nnLoss',
  'nnTrain',
  'nnEarlyStop',
  'seed',
] as const;

/** The network job's params for the page's: its nn* keys, the rest (lr, batch size, test size) the job's defaults. */
export function nnJobParams(p: HilbertParams): NnParams {
  return {
    ...defaultNnParams,
    rounds: p.nnRounds,
    seeds: p.nnSeeds,
    hidden: p.nnHidden,
    epochs: p.nnEpochs,
    loss: p.nnLoss,
    trainSize: p.nnTrain,
    earlyStopping: p.nnEarlyStop === 'on',
    seed: p.seed,
  };
}

export const presets: { id: string; label: string; params: Partial<HilbertParams> }[] = [
  {
    id: 'fig2c',
    label: 'Figure 2c (rounds of fits, ε = 0.04)',
    params: { data: 'paper', epsilon: 0.04, alpha: 0, round: 200, endpoints: 'off' },
  },
  {
    id: 'fig3',
    label: 'Figure 3 (B_t bars, log scale)',
    params: { data: 'paper', epsilon: 0.04, alpha: 0, barScale: 'log', round: 200 },
  },
  {
    id: 'endpoints',
    label: '11 points with endpoints (infeasible)',
    params: { data: 'synthetic', endpoints: 'on', points: 11, noise: 0.5, epsilon: 0.04 },
  },
  {
    id: 'mixing',
    label: 'Label mixing α = 0.3 (no collapse)',
    params: { data: 'paper', epsilon: 0.04, alpha: 0.3, maxRounds: 10 },
  },
  {
    id: 'fig4',
    label: 'Figure 4 (network rounds, ℓ2 loss)',
    params: { nn: 'on', nnLoss: 'l2', nnEarlyStop: 'off' },
  },
  {
    id: 'fig6',
    label: 'Figure 6 (vs early stopping)',
    params: { nn: 'on', nnLoss: 'l2', nnEarlyStop: 'on' },
  },
];
