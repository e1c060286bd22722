/**
 * Transfer tasks of linear distillation (Phuong & Lampert 2019) described by the law of the unsigned
 * angle ᾱ(w*, x): p(θ) = P[ᾱ ≥ θ] (eq. 17). Each task draws x = ν·(cos a·e* + sin a·u) with the angle a
 * from its law, u uniform on the unit sphere orthogonal to w*, ν a scale; so the risk of any linear
 * classifier depends only on its angle φ to w* (riskAtAngle), and Theorem 3's bound only on p.
 */
import { regularizedBeta } from './incompleteBeta';
import { integrate } from '../../../math/quadrature';

const HALF_PI = Math.PI / 2;

export type AngularTask =
  /** κ-polynomial (Corollary 2, Fig. 3): p(θ) = (1 − 2θ/π)^κ */
  | { kind: 'kappa'; kappa: number }
  /** angular margin (Corollary 1): p(θ) = (1 − θ/θ₀)₊^κ with θ₀ = π/2 − margin; nothing closer to the boundary */
  | { kind: 'margin'; kappa: number; margin: number }
  /** a Gaussian with std σ∥ along w* and σ⊥ = ratio·σ∥ across, in d dimensions (the general task) */
  | { kind: 'gauss'; ratio: number; d: number };

/** p(θ) = P[ᾱ(w*, x) ≥ θ] for θ ∈ [0, π/2]. */
export function angleTail(t: AngularTask, theta: number): number {
  const th = Math.min(Math.max(theta, 0), HALF_PI);
  switch (t.kind) {
    case 'kappa':
      return Math.pow(Math.max(0, 1 - th / HALF_PI), t.kappa);
    case 'margin': {
      const t0 = HALF_PI - t.margin;
      return th >= t0 ? 0 : Math.pow(1 - th / t0, t.kappa);
    }
    case 'gauss': {
      // tan²ᾱ = ratio²·χ²_{d−1}/χ²_1, so cos²-weighted: p = I_{1−z}(1/2, (d−1)/2), 1 − z = r²c²/(r²c² + s²).
      const c2 = t.ratio * t.ratio * Math.cos(th) ** 2;
      const s2 = Math.sin(th) ** 2;
      return regularizedBeta(c2 / (c2 + s2), 0.5, (t.d - 1) / 2);
    }
  }
}

/**
 * π/2 − p⁻¹(s): the co-angle (to the decision boundary) at which the tail probability equals s ∈ [0, 1],
 * written without the cancellation of π/2 − a near the boundary.
 */
function boundaryGapAt(t: AngularTask, s: number): number {
  const u = Math.min(Math.max(s, 0), 1);
  switch (t.kind) {
    case 'kappa':
      return HALF_PI * Math.pow(u, 1 / t.kappa);
    case 'margin':
      return t.margin + (HALF_PI - t.margin) * Math.pow(u, 1 / t.kappa);
    case 'gauss': {
      // p is decreasing in θ: bisect on the gap g = π/2 − θ, in which p increases.
      let lo = 0;
      let hi = HALF_PI;
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (angleTail(t, HALF_PI - mid) < u) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    }
  }
}

/** A draw of the angle ᾱ from the task's law, by inversion of a uniform u ∈ [0, 1). */
export function angleFromUniform(t: AngularTask, u: number): number {
  return HALF_PI - boundaryGapAt(t, u);
}

/**
 * Theorem 3: E[R] ≤ min over β ∈ [0, π/2] of p(β) + p(π/2 − β)^n for n < d, and 0 for n ≥ d.
 * Minimised on a grid, then by golden section inside the best grid cell.
 */
export function theorem3Bound(t: AngularTask, n: number, d: number): { bound: number; beta: number } {
  if (n >= d) return { bound: 0, beta: NaN };
  return minimiseOverBeta(t, n, tailGrid(t));
}

/** Theorem 3 at many n: the grid of tails does not depend on n, so it is evaluated once (a slider's redraw). */
export function theorem3Bounds(t: AngularTask, ns: readonly number[], d: number): number[] {
  const g = tailGrid(t);
  return ns.map((n) => (n >= d ? 0 : minimiseOverBeta(t, n, g).bound));
}

// 256 cells locate the basin; golden section then refines inside it to ~1e-9 rad (a slider redraws ~90 n)
const GRID = 256;

/** p(β) and p(π/2 − β) on the search grid βᵢ = (i/GRID)·π/2. */
function tailGrid(t: AngularTask): { at: Float64Array; rest: Float64Array } {
  const at = new Float64Array(GRID + 1);
  const rest = new Float64Array(GRID + 1);
  for (let i = 0; i <= GRID; i++) {
    const b = (i / GRID) * HALF_PI;
    at[i] = angleTail(t, b);
    rest[i] = angleTail(t, HALF_PI - b);
  }
  return { at, rest };
}

/** min over β of p(β) + p(π/2 − β)^n: the grid's best, refined by golden section between its neighbours. */
function minimiseOverBeta(
  t: AngularTask,
  n: number,
  g: { at: Float64Array; rest: Float64Array },
): { bound: number; beta: number } {
  const f = (b: number) => angleTail(t, b) + Math.pow(angleTail(t, HALF_PI - b), n);
  let best = 0;
  let bestV = g.at[0] + Math.pow(g.rest[0], n);
  for (let i = 1; i <= GRID; i++) {
    const v = g.at[i] + Math.pow(g.rest[i], n);
    if (v < bestV) {
      bestV = v;
      best = i;
    }
  }
  let lo = (Math.max(best - 1, 0) / GRID) * HALF_PI;
  let hi = (Math.min(best + 1, GRID) / GRID) * HALF_PI;
  const gr = (Math.sqrt(5) - 1) / 2;
  // 60 steps: the minimum can sit on a kink (a margin task's boundary), where the value's error is
  // linear in β's, so β is taken to ~1e-15 rad
  for (let i = 0; i < 60; i++) {
    const a = hi - gr * (hi - lo);
    const b = lo + gr * (hi - lo);
    if (f(a) <= f(b)) hi = b;
    else lo = a;
  }
  const beta = (lo + hi) / 2;
  const v = f(beta);
  return v < bestV ? { bound: v, beta } : { bound: bestV, beta: (best / GRID) * HALF_PI };
}

/** Corollary 1 (a margin task): γ^n with γ = p(π/2 − θ₀) = p(margin); null where it does not apply. */
export function corollary1Bound(t: AngularTask, n: number, d: number): number | null {
  if (t.kind !== 'margin') return null;
  if (n >= d) return 0;
  return Math.pow(angleTail(t, t.margin), n);
}

/**
 * Corollary 2 with c = 1 (p(θ) ≤ (1 − 2θ/π)^κ holds for the κ and the margin tasks):
 * (1 + (ln n)^κ)/n^κ; null for the Gaussian task.
 */
export function corollary2Bound(t: AngularTask, n: number, d: number): number | null {
  if (t.kind === 'gauss') return null;
  if (n >= d) return 0;
  return (1 + Math.pow(Math.log(n), t.kappa)) / Math.pow(n, t.kappa);
}

/**
 * The exact transfer risk P[sign(wᵀx) ≠ sign(w*ᵀx)] of a linear classifier w at angle φ ∈ [0, π] to w*,
 * on task t in d ≥ 2 dimensions. With w = cos φ·e* + sin φ·v and τ = vᵀu, an error needs
 * τ < −cot φ·cot a, and τ has the law of a coordinate of a uniform unit vector in d − 1 dimensions:
 * (1 + τ)/2 ~ Beta((d−2)/2, (d−2)/2) (two atoms ±1 when d = 2). Integrating over a with s = p(a):
 *   R(φ) = ∫₀^{p(π/2−φ)} F_τ(−cot φ · tan(π/2 − p⁻¹(s))) ds,
 * computed in y = ln(S/s) so that the sharp edge near the boundary (width ~1/√d) is resolved.
 */
export function riskAtAngle(t: AngularTask, phi: number, d: number): number {
  if (!(d >= 2)) throw new RangeError(`d must be ≥ 2, got ${d}`);
  if (!Number.isFinite(phi)) return NaN;
  if (phi > HALF_PI) return 1 - riskAtAngle(t, Math.PI - phi, d);
  if (phi <= 0) return 0;
  const S = angleTail(t, HALF_PI - phi);
  if (S <= 0) return 0;
  if (d === 2) return S / 2;
  const cotPhi = Math.cos(phi) / Math.sin(phi);
  const m = (d - 2) / 2;
  const F = (tau: number) => regularizedBeta((1 + tau) / 2, m, m);
  const integrand = (y: number) => {
    const s = S * Math.exp(-y);
    return s * F(Math.max(-1, -cotPhi * Math.tan(boundaryGapAt(t, s))));
  };
  // Beyond y = 50 the integrand is below S·e⁻⁵⁰/2: nothing left at float64 precision.
  return integrate(integrand, 0, 50, { relTol: 1e-9, absTol: 1e-300 });
}
