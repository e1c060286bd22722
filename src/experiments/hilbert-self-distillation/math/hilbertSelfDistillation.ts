import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { splineGram, splineGreen } from './splineGreen';

/**
 * Self-distillation of regularised regression in a Hilbert space, exactly (Mobahi, Farajtabar,
 * Bartlett 2020, Sec. 3). In the eigenbasis G = Vᵀ D V each round is a diagonal map:
 *   z = V y_t,  c_t solves (1/K) Σ (z_k c/(c + d_k))² = ε,  A_t = d/(c_t + d),  f_t = Vᵀ (A_t z),
 * and y_{t+1} = f_t (or, with label mixing α, y_{t+1} = α y_0 + (1−α) f_t). Round t collapses when
 * ‖y_t‖²/K ≤ ε: then f = 0 already satisfies the constraint.
 */
export interface HilbertInput {
  x: readonly number[];
  y: readonly number[];
  epsilon: number;
  /** most rounds to compute (the α = 0 process collapses on its own) */
  rounds?: number;
  /** label mixing weight: y_t = α·y_0 + (1−α)·f_{t−1}; 0 is the paper's process */
  alpha?: number;
}

export interface HilbertRun {
  K: number;
  /** eigenvalues of G, descending */
  eigenvalues: number[];
  /** rows are eigenvectors (z = V y), in the order of `eigenvalues` */
  V: number[][];
  /** c_t per computed round */
  c: number[];
  /**
   * diagonal of B_t per round: f_t = Vᵀ B_t V y_0. Π_{i≤t} A_i when α = 0; with label mixing
   * B_t = A_t (α + (1−α) B_{t−1}). Computed from d and c alone, never as a ratio to V y_0.
   */
  B: number[][];
  /** f_t at the data per round */
  predictions: number[][];
  /** the targets y_t of each round (y_0 first) */
  targets: number[][];
  /** ‖y_t‖²/K for t = 0 … (the last entry is the collapsed round's, if any) */
  meanSquaredNorm: number[];
  /** number of rounds with a non-zero solution (rounds 0 … roundsBeforeCollapse − 1) */
  roundsBeforeCollapse: number;
  collapsed: boolean;
  /** κ = d_max/d_min */
  kappa: number;
  /** Prop. 4, read consistently: t̲ = (‖y_0‖/√(Kε) − 1)/κ */
  guaranteedRounds: number;
  /** Prop. 4 as printed, with √K·ε */
  guaranteedRoundsAsPrinted: number;
}

export class InfeasibleError extends Error {
  constructor(
    readonly residual: number,
    readonly epsilon: number,
  ) {
    super(
      `infeasible: the residual that no function in the space can fit is ${residual.toPrecision(4)} > ε = ${epsilon} ` +
        `(the Green's function vanishes at x = 0 and x = 1, so data there can never be fitted)`,
    );
  }
}

/** Eigenvalues below this fraction of the largest are treated as exact zeros (unfittable directions). */
const zeroTol = 1e-12;

/** The last points' eigen-system: dragging ε or α keeps the points, so the solve is not redone. */
let lastEigen: { key: string; value: { d: number[]; V: number[][] } } | null = null;

function eigenSystem(x: readonly number[]): { d: number[]; V: number[][] } {
  const key = x.join(',');
  if (lastEigen?.key === key) return lastEigen.value;
  const value = solveEigenSystem(x);
  lastEigen = { key, value };
  return value;
}

function solveEigenSystem(x: readonly number[]): { d: number[]; V: number[][] } {
  const G = new Matrix(splineGram(x));
  const e = new EigenvalueDecomposition(G, { assumeSymmetric: true });
  const vals = e.realEigenvalues;
  const vecs = e.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((a, b) => vals[b] - vals[a]);
  return { d: order.map((i) => vals[i]), V: order.map((i) => vecs.getColumn(i)) };
}

/** (1/K) Σ (z_k c/(c+d_k))²: rises monotonically in c from the unfittable residual to ‖z‖²/K. */
function residual(z: number[], d: number[], c: number, K: number): number {
  let s = 0;
  for (let k = 0; k < z.length; k++) {
    const r = (z[k] * c) / (c + d[k]);
    s += r * r;
  }
  return s / K;
}

/** The unique c > 0 with residual(c) = ε, by bisection on log c to relative 1e-14. */
function solveC(z: number[], d: number[], epsilon: number, K: number): number {
  const dmax = Math.max(...d);
  let lo = dmax * 1e-30;
  let hi = dmax;
  while (residual(z, d, hi, K) < epsilon) hi *= 4;
  for (let it = 0; it < 400 && hi / lo - 1 > 1e-14; it++) {
    const mid = Math.sqrt(lo * hi);
    if (residual(z, d, mid, K) < epsilon) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const normSq = (a: readonly number[]) => dot(a, a);

export function selfDistill(input: HilbertInput): HilbertRun {
  const { x, y, epsilon } = input;
  const K = x.length;
  const maxRounds = input.rounds ?? 50;
  const alpha = input.alpha ?? 0;
  const { d: rawD, V } = eigenSystem(x);
  const dmax = rawD[0];
  const d = rawD.map((v) => (v > zeroTol * dmax ? v : 0));
  const z0 = V.map((v) => dot(v, y));
  // Directions with d_k = 0 are unfittable: their share of the residual stays for every c.
  const floor = z0.reduce((s, zk, k) => (d[k] === 0 ? s + zk * zk : s), 0) / K;
  if (floor >= epsilon && normSq(y) / K > epsilon) throw new InfeasibleError(floor, epsilon);
  const positive = d.filter((v) => v > 0);
  const kappa = Math.max(...positive) / Math.min(...positive);
  const y0n = Math.sqrt(normSq(y));
  const run: HilbertRun = {
    K,
    eigenvalues: rawD,
    V,
    c: [],
    B: [],
    predictions: [],
    targets: [],
    meanSquaredNorm: [],
    roundsBeforeCollapse: 0,
    collapsed: false,
    kappa,
    guaranteedRounds: (y0n / Math.sqrt(K * epsilon) - 1) / kappa,
    guaranteedRoundsAsPrinted: (y0n / (Math.sqrt(K) * epsilon) - 1) / kappa,
  };
  let yt = [...y];
  // B_{−1} = I, so that B_0 = A_0 for every α.
  let Bt = d.map(() => 1);
  for (let t = 0; t < maxRounds; t++) {
    const ms = normSq(yt) / K;
    run.meanSquaredNorm.push(ms);
    run.targets.push(yt);
    if (ms <= epsilon) {
      run.collapsed = true;
      break;
    }
    const z = V.map((v) => dot(v, yt));
    const c = solveC(z, d, epsilon, K);
    const fz = z.map((zk, k) => (zk * d[k]) / (c + d[k]));
    const f = y.map((_, j) => fz.reduce((s, v, k) => s + V[k][j] * v, 0));
    run.c.push(c);
    // B_t does not depend on y: as the ratio (V f_t)_k/(V y_0)_k it would lose all relative accuracy
    // where V y_0 is small (z_k carries an absolute error ~1e-16·‖y_t‖) and be undefined where it is 0.
    // (With α = 0 the mixing factor is 0 + 1·B_{t−1}, exactly B_{t−1}.)
    Bt = d.map((dk, k) => (dk / (c + dk)) * (alpha + (1 - alpha) * Bt[k]));
    run.B.push(Bt);
    run.predictions.push(f);
    run.roundsBeforeCollapse = t + 1;
    yt = alpha > 0 ? y.map((y0j, j) => alpha * y0j + (1 - alpha) * f[j]) : f;
  }
  return run;
}

/**
 * f_t on a grid: f_t(x) = g_xᵀ (c_t I + G)⁻¹ y_t with g_x[k] = g(x, x_k)/K, for every computed round.
 */
export function fitCurves(run: HilbertRun, x: readonly number[], grid: readonly number[]): number[][] {
  const K = x.length;
  const G = new Matrix(splineGram(x));
  const Gx = new Matrix(grid.map((g) => x.map((xk) => splineGreen(g, xk) / K)));
  return run.c.map((c, t) => {
    const w = solve(G.clone().add(Matrix.eye(K).mul(c)), Matrix.columnVector(run.targets[t]));
    return Gx.mmul(w).getColumn(0);
  });
}

/**
 * Prop. 5's lower bound on B_t[k,k]/B_t[j,j] for d_k > d_j, read with √(Kε):
 * ((a − 1 + d_min/d_j)/(a − 1 + d_min/d_k))^{t+1}, a = ‖y_0‖/√(Kε). Valid for t ≤ t̲ (Prop. 4).
 */
export function prop5Bound(
  run: HilbertRun,
  y0: readonly number[],
  epsilon: number,
  j: number,
  k: number,
  t: number,
): number {
  const a = Math.sqrt(normSq(y0)) / Math.sqrt(run.K * epsilon);
  const positive = run.eigenvalues.filter((v) => v > zeroTol * run.eigenvalues[0]);
  const dmin = Math.min(...positive);
  const dj = run.eigenvalues[j];
  const dk = run.eigenvalues[k];
  return Math.pow((a - 1 + dmin / dj) / (a - 1 + dmin / dk), t + 1);
}
