import { z } from 'zod';
import { finiteNumber, int } from '../../schema/numbers';

/** A finite number in [lo, hi] whose range message names the quantity (κ ≤ 0 reads "κ must be > 0 …"). */
const ranged = (name: string, lo: number, hi: number, low = `${name} must be ≥ ${lo}`) =>
  finiteNumber.pipe(z.number().min(lo, low).max(hi, `${name} must be ≤ ${hi}`));

/** Two Fashion-MNIST classes for Fig. 4 (the paper: MNIST 0 vs 1); labels as in the shipped subset. */
export const fashionPairs = {
  'tshirt-trouser': { a: 0, b: 1, label: 'T-shirt/top vs trouser (easy, like 0 vs 1)' },
  'sneaker-boot': { a: 7, b: 9, label: 'sneaker vs ankle boot' },
  'tshirt-shirt': { a: 0, b: 6, label: 'T-shirt/top vs shirt (hard)' },
} as const;
export type FashionPair = keyof typeof fashionPairs;
const pairNames = Object.keys(fashionPairs) as [FashionPair, ...FashionPair[]];

/** One schema for the controls, the URL, the presets and the worker job. */
export const linearParamsSchema = z.object({
  /** the synthetic task of the convergence, risk-vs-n and monotonicity figures (Fig. 3 is always κ) */
  task: z.enum(['kappa', 'margin']),
  kappa: ranged('κ', 0.05, 8, 'κ must be > 0 (the lab takes 0.05 … 8)'),
  /** angular margin in degrees: no point lies closer than this to the teacher's boundary */
  margin: ranged('the margin', 0, 60, 'the margin must be ≥ 0°'),
  d: int(2, 1000),
  n: int(1, 500),
  depth: int(1, 4),
  /** ‖w(0)‖ of the deep student (‖w*‖ = 1) */
  init: ranged('the initial norm', 1e-6, 0.5, 'the initial norm must be > 0 (the lab takes 1e-6 … 0.5)'),
  delta: ranged('δ', 0, 100),
  /** transfer sets of Fig. 5 (the paper: 1000), one batched program */
  sets: int(16, 4000),
  /** transfer sets per point of Fig. 3 and of the risk-vs-n figure */
  sweepSets: int(8, 1000),
  /** gradient steps of the batched learners (soft- and hard-label) */
  steps: int(100, 20_000),
  fmPair: z.enum(pairNames),
  /** transfer-set size on Fashion-MNIST (Fig. 4; the paper: 100) */
  fmN: int(5, 400),
  seed: int(0, 2_147_483_647),
});
export type LinearParams = z.infer<typeof linearParamsSchema>;

export const defaultParams: LinearParams = {
  task: 'kappa',
  kappa: 1,
  margin: 10,
  d: 100,
  n: 5,
  depth: 2,
  init: 1e-3,
  delta: 1,
  sets: 1000,
  sweepSets: 100,
  steps: 2000,
  fmPair: 'tshirt-trouser',
  fmN: 100,
  seed: 1,
};

export const presets: { id: string; label: string; params: Partial<LinearParams> }[] = [
  {
    id: 'fig1',
    label: 'Figure 1–2: three tasks (κ = 1, margin 20°)',
    params: { kappa: 1, margin: 20 },
  },
  {
    id: 'theorem1',
    label: 'Theorems 1–2: d = 30, n = 8, depth 3',
    params: { task: 'kappa', kappa: 1, d: 30, n: 8, depth: 3, init: 1e-3 },
  },
  {
    id: 'riskN',
    label: 'Risk vs n: margin task, d = 50',
    params: { task: 'margin', kappa: 1, margin: 10, d: 50, n: 5, delta: 1 },
  },
  { id: 'fig3', label: 'Figure 3: κ sweep, d = 1000, n = 20', params: { task: 'kappa', d: 1000, n: 20 } },
  { id: 'fig4', label: 'Figure 4: δ on Fashion-MNIST, n = 100', params: { fmN: 100, delta: 30 } },
  {
    id: 'fig5',
    label: 'Figure 5: κ = 1, d = 100, n = 5, 1000 sets',
    params: { task: 'kappa', kappa: 1, d: 100, n: 5, sets: 1000 },
  },
];

/** The Fig. 4 offsets δ of the paper, and Fig. 5's reduced-bias learners. */
export const fig4Deltas = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90] as const;
export const fig5Deltas = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1] as const;
/** The κ values of Fig. 3. */
export const fig3Kappas = [0.25, 0.35, 0.5, 0.7, 1, 1.4, 2, 2.8, 4] as const;
