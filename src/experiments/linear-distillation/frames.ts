import { meanStd, type MeanStd } from '../../math/stats';

/** What the worker job sends, stage by stage (each stage's frames fill one figure). */

/** Mean, sample standard deviation and count over transfer sets (the lab's one mean/std). */
export type SetSummary = MeanStd;

export const summarize = (xs: ArrayLike<number>): SetSummary => meanStd(Array.from(xs));

/** One recorded step of a gradient-descent run (Theorems 1–2). */
export interface TrajectorySample {
  step: number;
  angle: number;
  /** ‖w − ŵ‖/‖ŵ‖ */
  distance: number;
  /** ‖(I − P_X)w‖/‖ŵ‖ */
  outside: number;
  /** ‖w‖/‖ŵ‖ */
  norm: number;
  loss: number;
  /** w in the task's coordinates (w* = e₁), only when the picture is drawn (d ≤ 3) */
  w?: number[];
}

export interface ConvergenceMeta {
  d: number;
  n: number;
  /** coordinates the run uses: 1 + min(n + 1, d − 1) (the rest of R^d never moves) */
  dim: number;
  rank: number;
  wHatNorm: number;
  /** α(ŵ, w*): Theorem 1's limit angle */
  limitAngle: number;
  depth: number;
  init: number;
  steps: { shallow: number; deep: number };
  /** Theorem 2's bound on ‖w(∞) − ŵ‖/‖ŵ‖ (NaN when it does not apply) */
  theorem2: number;
  /** the deep run's ‖(I − P_X)w(0)‖/‖ŵ‖ and ‖w(0)‖/‖ŵ‖, for eq. (66) */
  outside0: number;
  norm0: number;
  /** d ≤ 3: the transfer set, ŵ (w* = e₁), for the picture */
  picture: { points: number[][]; wHat: number[] } | null;
  /** true when the step budget cut the runs short (large n·d) */
  truncated: boolean;
}

export type ConvergenceFrame =
  | { kind: 'convergence'; part: 'meta'; meta: ConvergenceMeta }
  | { kind: 'convergence'; part: 'trajectory'; learner: 'shallow' | 'deep'; samples: TrajectorySample[] }
  | { kind: 'convergence'; part: 'done'; ms: number };

/** Fig. 3: risk of the distillation student against κ. */
export interface KappaFrame {
  kind: 'kappa';
  d: number;
  n: number;
  kappas: number[];
  risk: SetSummary[];
  /** mean α(ŵ, w*) per κ */
  angle: number[];
  done: boolean;
  ms: number;
}

export type LearnerId = 'limit' | 'soft' | 'hard' | 'delta';

/** The risk against n of each learner (mean over transfer sets) and where the soft run converged. */
export interface RiskVsNFrame {
  kind: 'riskVsN';
  d: number;
  delta: number;
  ns: number[];
  /** transfer sets behind each n (fewer than asked where the cost budget bites) */
  sets: number[];
  risk: Record<LearnerId, SetSummary[]>;
  /** share of sets whose soft-label run is within 1e-3 (relative) of ŵ */
  converged: number[];
  done: boolean;
  ms: number;
}

export interface MonotonicityLearner {
  id: string;
  label: string;
  risk: SetSummary;
  /** eq. (34): share of sets where one more point lowers ᾱ(w*, w) */
  monotonicity: number;
  sets: number;
}

/** Fig. 5. */
export interface MonotonicityFrame {
  kind: 'monotonicity';
  stepsDone: number;
  steps: number;
  sets: number;
  learners: MonotonicityLearner[] | null;
  converged: number;
  /** transfer sets per second of the batched program (all four runs of a set) */
  setsPerSecond: number;
  backend: string;
  ms: number;
}

/** Fig. 4 on two Fashion-MNIST classes. */
export interface FashionFrame {
  kind: 'fashion';
  status: 'loading' | 'teacher' | 'students' | 'done' | 'error';
  message: string;
  deltas: number[];
  risk: SetSummary[];
  /** the teacher's accuracy on the test split of the pair */
  teacherAccuracy: number;
  /** mean α(ŵ, w*) of the δ = 0 student */
  angle: number;
  testSize: number;
  draws: number;
  n: number;
  ms: number;
}

export type LinearFrame = ConvergenceFrame | KappaFrame | RiskVsNFrame | MonotonicityFrame | FashionFrame;
