import { makeRng, sampleReduced } from './math/angularSampling';
import { crossEntropyGradient, distillationSolution, norm, teacherTargets } from './math/linearDistillation';
import {
  balancedInit,
  deepStudentGd,
  linearStudentGd,
  safeStep,
  theorem2DistanceBound,
  type TrajectoryPoint,
} from './math/linearGradientDescent';
import type { ConvergenceFrame, ConvergenceMeta, TrajectorySample } from './frames';
import type { LinearParams } from './params';
import { taskOf } from './math/task';

/** About this many multiply-adds per run: the step count shrinks for large n·d (said on the page). */
const FLOP_BUDGET = 4e8;
const HIDDEN = 8;

/**
 * Theorems 1–2: one transfer set, gradient descent on the soft labels from 0 (N = 1) and from a small
 * balanced initialisation (N = depth), recorded on a log grid of steps. Reduced coordinates are exact
 * here too: the deep student's first layer only ever sees its initial direction and the data.
 */
export function* convergenceStage(p: LinearParams, cancelled: () => boolean): Generator<ConvergenceFrame> {
  const t0 = performance.now();
  const task = taskOf(p);
  const rng = makeRng(`${p.seed}:convergence`);
  // The points, then a Gaussian row: the direction of the deep student's w(0).
  const cloud = sampleReduced(task, p.d, p.n, rng, 1);
  const D = cloud.dim;
  const pts = { X: cloud.X.subarray(0, p.n * D), rows: p.n, dim: D };
  const wStar = new Float64Array(D);
  wStar[0] = 1;
  const { wHat, basis, angle, rank } = distillationSolution(pts, wStar);
  const wHatNorm = norm(wHat);
  const y = teacherTargets(pts, wStar, 'soft');
  const eta = safeStep(pts);
  const perStep = 2 * p.n * D + HIDDEN * D * 2;
  const cap = Math.max(200, Math.floor(FLOP_BUDGET / perStep));
  const shallowSteps = Math.min(20_000, cap);
  const deepSteps = Math.min(p.depth >= 3 ? 60_000 : 40_000, cap);
  // A frame per ~2·10⁷ multiply-adds: a restart never waits long for the run in flight.
  const chunk = Math.max(10, Math.floor(2e7 / perStep));
  const picture = p.d <= 3;
  const grad = new Float64Array(D);
  const layers =
    p.depth > 1
      ? balancedInit(p.depth, HIDDEN, cloud.X.subarray(p.n * D), p.init, rng, (w) =>
          crossEntropyGradient(pts, y, w, grad),
        )
      : null;
  // ‖w(0)‖ and its part outside the span, from the balanced factors' product (= s^N u₀).
  const w0 = layers ? initialProduct(layers, D) : new Float64Array(D);
  const proj = new Float64Array(D);
  for (const q of basis) {
    let c = 0;
    for (let j = 0; j < D; j++) c += q[j] * w0[j];
    for (let j = 0; j < D; j++) proj[j] += c * q[j];
  }
  let out0 = 0;
  for (let j = 0; j < D; j++) out0 += (w0[j] - proj[j]) ** 2;
  const meta: ConvergenceMeta = {
    d: p.d,
    n: p.n,
    dim: D,
    rank,
    wHatNorm,
    limitAngle: angle,
    depth: p.depth,
    init: p.init,
    steps: { shallow: shallowSteps, deep: layers ? deepSteps : 0 },
    theorem2: theorem2DistanceBound(p.depth, wHatNorm, p.init) / wHatNorm,
    outside0: Math.sqrt(out0) / wHatNorm,
    norm0: norm(w0) / wHatNorm,
    picture: picture
      ? {
          points: Array.from({ length: p.n }, (_, i) => Array.from(pts.X.subarray(i * D, (i + 1) * D))),
          wHat: Array.from(wHat),
        }
      : null,
    truncated: shallowSteps < 20_000 || (layers !== null && deepSteps < 40_000),
  };
  yield { kind: 'convergence', part: 'meta', meta };
  const setup = { cloud: pts, y, wStar, wHat, basis, eta, keepW: picture };
  const lite = (t: TrajectoryPoint): TrajectorySample => ({
    step: t.step,
    angle: t.angle,
    distance: t.distance,
    outside: t.outside / wHatNorm,
    norm: t.norm / wHatNorm,
    loss: t.loss,
    w: t.w ? Array.from(t.w) : undefined,
  });
  for (const samples of linearStudentGd({ ...setup, steps: shallowSteps }, chunk)) {
    if (cancelled()) return;
    yield { kind: 'convergence', part: 'trajectory', learner: 'shallow', samples: samples.map(lite) };
  }
  if (layers) {
    // The induced flow is ‖w‖^{2(N−1)/N}-times faster near ŵ, and up to N times steeper: step 1/(N·L).
    for (const samples of deepStudentGd({ ...setup, steps: deepSteps, eta: eta / p.depth }, layers, chunk)) {
      if (cancelled()) return;
      yield { kind: 'convergence', part: 'trajectory', learner: 'deep', samples: samples.map(lite) };
    }
  }
  yield { kind: 'convergence', part: 'done', ms: performance.now() - t0 };
}

/** w(0)ᵀ = W_N ⋯ W_1 of the layers (row-major, W_1 is h × D). */
function initialProduct(layers: Float64Array[], D: number): Float64Array {
  let row = Float64Array.of(1);
  for (let j = layers.length - 1; j >= 0; j--) {
    const W = layers[j];
    const cols = W.length / row.length;
    const next = new Float64Array(cols);
    for (let a = 0; a < row.length; a++) for (let b = 0; b < cols; b++) next[b] += row[a] * W[a * cols + b];
    row = next;
  }
  return row.length === D ? row : new Float64Array(D);
}
