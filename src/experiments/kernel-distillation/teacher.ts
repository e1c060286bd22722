import type { JobContext } from '../../engine/job';
import { seededNormal, seededUniform } from '../../math/rng';
import type { KdProblem } from './data';
import type { KdFrame } from './frames';
import { BatchNets, type BatchSpec } from './nets';
import type { KdParams } from './params';
import { breathe } from '../../engine/breathe';

/** The teacher: m̄ units trained on the (noisy) labels by full-batch GD, shared by the page's students. */

export const frameMs = 60;

/** Iterations at which losses are recorded: 0 and ~160 log-spaced points up to T. */
export function checkpoints(T: number): number[] {
  const s = new Set([0, T]);
  for (let i = 0; i <= 160; i++) s.add(Math.round(T ** (i / 160)));
  return [...s].sort((a, b) => a - b);
}

export interface Teacher {
  W: Float32Array; // d × M, last weights
  early: Float32Array; // the imperfect teacher
  earlyAt: number;
  /** weights at the checkpoint of lowest validation MSE (first such) */
  best: Float32Array;
  bestAt: number;
  a: Float32Array;
  frames: KdFrame[];
}

export const f32 = (x: ArrayLike<number>) => Float32Array.from(x);

/** The inputs and labels of a problem in the layout BatchNets wants (one copy shared by all runs). */
export function netData(pr: KdProblem) {
  return {
    n: pr.n,
    d: pr.d,
    X: f32(pr.X),
    testX: f32(pr.testX),
    nTest: pr.nTest,
    y: f32(pr.y),
    testY: f32(pr.testY),
    valX: f32(pr.valX),
    valY: f32(pr.valY),
    nVal: pr.nVal,
  };
}

/** Balanced ±1 output signs in a seeded random order. */
function outputSigns(M: number, seed: number): Float32Array {
  const u = seededUniform(`kd-a:${seed}`);
  const a = Float32Array.from({ length: M }, (_, i) => (i < M / 2 ? 1 : -1));
  for (let i = M - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Trains a teacher, yielding its loss curves (tagged `net`), and returns its last, early and
 * best-validation weights; null if cancelled.
 */
export async function* trainTeacher(
  p: KdParams,
  pr: KdProblem,
  ctx: JobContext,
  gTop: number,
  net: 'raw' | 'embedded',
): AsyncGenerator<KdFrame, Teacher | null> {
  const M = p.teacherWidth;
  const a = outputSigns(M, p.seed);
  const normal = seededNormal(net === 'raw' ? `kd-w:${p.seed}` : `kd-w-emb:${p.seed}`);
  const W0 = Float32Array.from({ length: pr.d * M }, () => p.initScale * normal());
  const spec: BatchSpec = {
    runs: 1,
    m: M,
    activation: p.activation,
    ...netData(pr),
    a,
    lam: f32([0]),
    eta: f32([p.stepScale / gTop]),
    phi: new Float32Array(pr.n * M),
    W0,
  };
  const nets = new BatchNets(ctx.tf, spec);
  const T = p.teacherIterations;
  const earlyAt = Math.max(1, Math.round(p.imperfectAt * T));
  let early: Float32Array = W0;
  let best: Float32Array = W0;
  let bestVal = Infinity;
  let bestAt = 0;
  const frames: KdFrame[] = [];
  const t0 = performance.now();
  try {
    let last = performance.now();
    const empty = () => ({
      iter: [] as number[],
      train: [] as number[],
      test: [] as number[],
      val: [] as number[],
    });
    let buf = empty();
    let it = 0;
    for (const cp of checkpoints(T)) {
      while (it < cp) {
        await breathe();
        if (ctx.cancelled()) return null;
        nets.step();
        it++;
        if (it === earlyAt) early = await nets.weights();
      }
      const l = await nets.losses();
      if (l.val[0] < bestVal) {
        bestVal = l.val[0];
        bestAt = cp;
        best = await nets.weights();
      }
      buf.iter.push(cp);
      buf.train.push(l.train[0]);
      buf.test.push(l.test[0]);
      buf.val.push(l.val[0]);
      if (ctx.cancelled()) return null;
      if (performance.now() - last > frameMs || cp === T) {
        const f: KdFrame = {
          kind: 'teacher',
          net,
          ...buf,
          stepsPerSecond: (it * 1000) / (performance.now() - t0),
          bestAt: cp === T ? bestAt : null,
        };
        frames.push(f);
        yield f;
        buf = empty();
        last = performance.now();
      }
    }
    return { W: await nets.weights(), early, earlyAt, best, bestAt, a, frames };
  } finally {
    nets.dispose();
  }
}

/** Columns `idx` of a d × M row-major matrix, as an m × d list of rows (one per unit). */
export const units = (W: Float32Array, d: number, M: number, idx: number[]) =>
  idx.map((k) => Array.from({ length: d }, (_, j) => W[j * M + k]));

/** σ(X w_k) for the units Wk (m × d): n × m, row-major, float64. */
export function features(
  X: Float64Array,
  n: number,
  d: number,
  Wk: number[][],
  act: KdParams['activation'],
): Float64Array {
  const m = Wk.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < m; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * Wk[k][j];
      out[i * m + k] = act === 'tanh' ? Math.tanh(z) : Math.max(z, 0);
    }
  return out;
}

/** The first m of a seeded permutation of the teacher's M units: those the students sample. */
export function sampledUnits(M: number, m: number, seed: number): number[] {
  const u = seededUniform(`kd-sample:${seed}`);
  const perm = Array.from({ length: M }, (_, i) => i);
  for (let i = M - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm.slice(0, m);
}
