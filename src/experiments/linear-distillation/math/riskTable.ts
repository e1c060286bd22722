/**
 * The exact risk R(φ) of riskAtAngle, tabulated once per (task, d) and interpolated: averaging it over
 * thousands of trained students would otherwise cost a quadrature each. log R is smooth in log(φ − φ₀)
 * (a power law near the first angle φ₀ with any risk, 1/2 at φ = π/2), so monotone cubic Hermite
 * interpolation there is accurate to 1e-3·R + 1e-9 (tested against the quadrature). Worth it where
 * thousands of students share one task; building a table costs ~600 quadratures.
 */
import { riskAtAngle, type AngularTask } from './angularTasks';

const HALF_PI = Math.PI / 2;

/** Fritsch–Carlson slopes: a monotone cubic through (x, y). */
function monotoneSlopes(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  const m = new Float64Array(n);
  const delta = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) delta[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
  m[0] = delta[0];
  m[n - 1] = delta[n - 2];
  for (let i = 1; i < n - 1; i++) {
    if (delta[i - 1] * delta[i] <= 0) m[i] = 0;
    else {
      const w1 = 2 * (x[i + 1] - x[i]) + (x[i] - x[i - 1]);
      const w2 = x[i + 1] - x[i] + 2 * (x[i] - x[i - 1]);
      m[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
    }
  }
  return m;
}

export interface RiskTable {
  /** R(φ) for φ ∈ [0, π] (R(π − φ) = 1 − R(φ)) */
  (phi: number): number;
  /** the angle below which the risk is exactly 0 (the margin), 0 otherwise */
  phi0: number;
}

/** Index i with x[i] ≤ v < x[i + 1] (x increasing, x[0] ≤ v < x[last]). */
function cellOf(x: Float64Array, v: number): number {
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function riskTable(task: AngularTask, d: number, logNodes = 200, linearNodes = 200): RiskTable {
  // With a margin m no test point lies within m of the boundary: a student within m of w* errs never.
  const phi0 = task.kind === 'margin' ? task.margin : 0;
  const span = HALF_PI - phi0;
  // Nodes in u = ln(φ − φ₀): log-spaced near φ₀ (a power law) and near π/2 (where R climbs to 1/2 over
  // a width ~1/√d), evenly spaced between.
  const offsets = new Set<number>();
  for (let i = 0; i < logNodes; i++) {
    const g = 1e-7 * Math.pow(1e7, i / (logNodes - 1));
    offsets.add(g * span);
    offsets.add((1 - g) * span);
  }
  for (let i = 1; i <= linearNodes; i++) offsets.add((span * i) / linearNodes);
  offsets.delete(0);
  const sorted = [...offsets].sort((a, b) => a - b);
  const U = Float64Array.from(sorted, Math.log);
  // A risk that underflows (deep inside a margin's onset) is floored at 1e-300, so logs stay finite.
  const L = Float64Array.from(sorted, (o) => Math.log(Math.max(riskAtAngle(task, phi0 + o, d), 1e-300)));
  const M = monotoneSlopes(U, L);
  const last = U.length - 1;
  const lowSlope = (L[1] - L[0]) / (U[1] - U[0]);
  const f = ((phi: number): number => {
    if (!Number.isFinite(phi)) return NaN;
    if (phi > HALF_PI) return 1 - f(Math.PI - phi);
    if (phi <= phi0) return 0;
    const u = Math.log(phi - phi0);
    if (u >= U[last]) return Math.exp(L[last]);
    // Below the table: the power law of its first cell.
    if (u <= U[0]) return Math.exp(L[0] + lowSlope * (u - U[0]));
    const i = cellOf(U, u);
    const h = U[i + 1] - U[i];
    const t = (u - U[i]) / h;
    const t2 = t * t;
    const t3 = t2 * t;
    const v =
      (2 * t3 - 3 * t2 + 1) * L[i] +
      (t3 - 2 * t2 + t) * h * M[i] +
      (-2 * t3 + 3 * t2) * L[i + 1] +
      (t3 - t2) * h * M[i + 1];
    return Math.exp(v);
  }) as RiskTable;
  f.phi0 = phi0;
  return f;
}
