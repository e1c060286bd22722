import type * as tfjs from '@tensorflow/tfjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import seedrandom from 'seedrandom';
import {
  defaultDataBaseUrl,
  fetchArrayBuffer,
  loadFashionSubset,
  type FashionSubset,
} from '../../data/fashionMnist';
import type { NtkTrainParams } from './trainParams';
import type { JobContext } from '../../engine/job';
import { clusterData, clusterTest, fashionNoisy } from './data';

/**
 * Dong et al., "Distillation ≈ early stopping?", Sec. 3.3 and Fig. 4/5: a two-layer ReLU network
 * f(W, x) = Vᵀ φ(W x) with W ∈ R^{k×d} ~ N(0, 1) trained and V ∈ R^{k×C} FIXED (C = 1: half the entries
 * +1/√k, half −1/√k; C > 1: each column an independent random ±1/√k pattern with equal counts), loss
 * ½‖f(W, X) − ŷ‖² summed over points and outputs, full-batch gradient descent with step η.
 *
 * Two trainings run in lock-step from the SAME initial W on the same data, as ONE batched program (the
 * two W's stacked on a leading axis, stored transposed as Wt [2, d, k]):
 *  run 0 ("normal"): targets = the observed, noisy labels y;
 *  run 1 ("selfDistill", Algorithm 1): targets ŷ_t = α_t y + (1 − α_t) h(f(x)), recomputed and detached
 *  every step (α_t is computed on the device from the current predictions, so a step needs no readback).
 *
 * The gradient is written out by hand (no autodiff): with R = f − ŷ, ∂L/∂(XWᵀ) = (R Vᵀ) ⊙ φ'(XWᵀ) and
 * ∂L/∂Wᵀ = Xᵀ (R Vᵀ ⊙ φ'(XWᵀ)), φ'(z) = 1[z > 0].
 *
 * Step size: η = etaScale / λ_max(H) with H = (XXᵀ) ⊙ (φ'(XWᵀ) diag(v²) φ'(XWᵀ)ᵀ) the empirical NTK at
 * initialisation (n × n; for C > 1 the per-output NTK, the same matrix since every |v| = 1/√k). The output
 * moves like u_{t+1} ≈ u_t − η H (u_t − ŷ), so etaScale = 1 fits the top eigendirection in one step and
 * etaScale ≥ 2 diverges. An explicit `eta` overrides etaScale. λ_max and the spectrum frames come from a
 * block subspace iteration with tfjs matmuls and a float64 Rayleigh–Ritz step (ml-matrix, p × p).
 */

/** Metrics of one run at one iteration (all from float32 predictions, reduced in float64). */
export interface RunMetrics {
  /** ½‖f(X) − y‖² on the observed (noisy) labels, summed over points and outputs */
  loss: number;
  /** accuracy against the observed (noisy) training labels */
  trainAccuracy: number;
  /** accuracy against the clean training labels */
  cleanAccuracy: number;
  /** ‖f(X) − y_clean‖_F / √n (binary: y_clean ±1; multi-class: one-hot) */
  l2ToClean: number;
  /** accuracy on the clean test split */
  testAccuracy: number;
  /**
   * AIR view: the residual f(X) − y (observed labels) projected on each given H∞ eigenvector e_i,
   * e_iᵀ(f − y) (signed, binary) or ‖e_iᵀ(F − Y)‖₂ over the C outputs (multi-class); [] without topEig
   */
  air: number[];
  /** ⟨f, y_clean⟩/‖y_clean‖²: how much of the clean labels the network has fitted */
  cleanFit: number;
  /** ⟨f, y − y_clean⟩/‖y − y_clean‖²: how much of the label noise it has fitted (null without noise) */
  noiseFit: number | null;
}

export interface SelfDistillMetrics extends RunMetrics {
  /** α_t used by the step from this iteration */
  alpha: number;
  /** topKRatio(ŷ_t): ‖P_k ŷ_t‖/‖ŷ_t‖ (Frobenius for n × C); null without topEig */
  targetTopKRatio: number | null;
  /** Fig. 5's information gain topKRatio(ŷ_t) − topKRatio(y); null without topEig */
  infoGain: number | null;
}

/** First frame: the problem and the step size. */
export interface NtkStartFrame {
  kind: 'start';
  data: 'clusters' | 'fashion';
  /** training points, input dimension, outputs C (1 for binary ±1 labels), test points */
  n: number;
  d: number;
  outputs: number;
  nTest: number;
  width: number;
  iterations: number;
  evalEvery: number;
  /** the step size used */
  eta: number;
  /** top eigenvalue of the empirical NTK at initialisation */
  lambdaMax: number;
  /** the fraction of training labels actually flipped */
  flippedFraction: number;
  /** the h actually used (piecewise falls back to sign for C > 1) */
  h: 'sign' | 'softmax' | 'piecewise';
  /** how many H∞ eigenvectors feed the info-gain and AIR readouts (0: skipped) */
  topK: number;
  /** remarks, e.g. the piecewise → sign fallback */
  notes: string[];
  backend: string;
  /** data generation, initialisation and the initial spectrum */
  setupMs: number;
}

/** Top eigenvalues of the empirical NTK H of the normal run. */
export interface NtkSpectrumFrame {
  kind: 'spectrum';
  when: 'init' | 'end';
  iteration: number;
  /** top-m eigenvalues of H, descending (Ritz values of a converged subspace iteration) */
  eigenvalues: number[];
  /** ‖H − H∞‖_F / ‖H∞‖_F, or null without hInf */
  hInfRelDistance: number | null;
  /** subspace iterations used, and whether the Ritz values converged (relative 1e-6 of λ_max) */
  subspaceIterations: number;
  converged: boolean;
  ms: number;
}

/** Every evalEvery iterations, and at the last iteration. */
export interface NtkMetricsFrame {
  kind: 'metrics';
  iteration: number;
  normal: RunMetrics;
  selfDistill: SelfDistillMetrics;
  /** topKRatio(y) of the observed labels, or null without topEig */
  labelTopKRatio: number | null;
  elapsedMs: number;
}

/** Between metrics frames, about every 100 ms of work, so pause and cancel stay responsive. */
export interface NtkProgressFrame {
  kind: 'progress';
  iteration: number;
  iterations: number;
  elapsedMs: number;
}

export interface NtkDoneFrame {
  kind: 'done';
  iterations: number;
  eta: number;
  lambdaMax: number;
  normal: RunMetrics;
  selfDistill: SelfDistillMetrics;
  /** wall time per GD step of the batched pair of runs (metrics, spectra and frame waits excluded) */
  msPerStep: number;
  stepsPerSecond: number;
  totalMs: number;
}

export type NtkFrame = NtkStartFrame | NtkSpectrumFrame | NtkMetricsFrame | NtkProgressFrame | NtkDoneFrame;

type Tf = JobContext['tf'];

const progressIntervalMs = 100;
/** Sync with the device about this often (ms of work), to time steps and bound the queue. */
const syncTargetMs = 25;
const subspaceMaxIterations = 300;
const subspaceTol = 1e-6;

/** Default metrics cadence: about 150 points per run. */
export const defaultEvalEvery = (iterations: number) => Math.max(1, Math.ceil(iterations / 150));

/** The problem in plain arrays: labels as n × C matrices (C = 1: a ±1 column). */
interface Problem {
  n: number;
  d: number;
  C: number;
  /** classes for the chance correction: 2 when binary */
  classes: number;
  X: Float32Array;
  /** observed targets n × C and clean targets n × C, row-major */
  Y: Float64Array;
  Yclean: Float64Array;
  /** observed and clean class per point (binary: 0 for +1, 1 for −1) */
  yClass: Int32Array;
  cleanClass: Int32Array;
  nTest: number;
  testX: Float32Array;
  testClass: Int32Array;
  flippedFraction: number;
}

const flat = (rows: number[][]) => Float32Array.from(rows.flat());

function makeProblem(p: NtkTrainParams, fashion: FashionSubset | null): Problem {
  if (p.data === 'clusters') {
    const set = clusterData(p);
    const test = clusterTest(set, p.nTest, p.seed);
    const cls = (v: number) => (v > 0 ? 0 : 1);
    return {
      n: p.n,
      d: p.d,
      C: 1,
      classes: 2,
      X: flat(set.X),
      Y: Float64Array.from(set.y),
      Yclean: Float64Array.from(set.yClean),
      yClass: Int32Array.from(set.y, cls),
      cleanClass: Int32Array.from(set.yClean, cls),
      nTest: p.nTest,
      testX: flat(test.X),
      testClass: Int32Array.from(test.y, cls),
      flippedFraction: set.flipped.filter(Boolean).length / p.n,
    };
  }
  if (!fashion) throw new Error('internal: no Fashion-MNIST subset');
  const f = fashionNoisy(fashion, { trainSize: p.trainSize, testSize: p.testSize, p: p.p, seed: p.seed });
  const oneHot = (cls: number[]) =>
    Float64Array.from(cls.flatMap((c) => f.Y[0].map((_, j) => (j === c ? 1 : 0))));
  return {
    n: p.trainSize,
    d: f.X[0].length,
    C: f.C,
    classes: f.C,
    X: flat(f.X),
    Y: oneHot(f.yClass),
    Yclean: oneHot(f.yCleanClass),
    yClass: Int32Array.from(f.yClass),
    cleanClass: Int32Array.from(f.yCleanClass),
    nTest: p.testSize,
    testX: flat(f.testX),
    testClass: Int32Array.from(f.testClass),
    flippedFraction: f.flipped.filter(Boolean).length / p.trainSize,
  };
}

/**
 * The fixed output layer V (k × C), entries ±1/√k: C = 1: the first k/2 entries +, the rest −;
 * C > 1: each column an independent uniformly random arrangement of k/2 pluses and k/2 minuses.
 */
export function outputLayer(k: number, C: number, seed: number): Float32Array {
  const s = 1 / Math.sqrt(k);
  const V = new Float32Array(k * C);
  const rng = seedrandom.alea(`ntk-v:${seed}`);
  for (let c = 0; c < C; c++) {
    const col = Array.from({ length: k }, (_, i) => (i < k / 2 ? s : -s));
    if (C > 1)
      for (let i = k - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [col[i], col[j]] = [col[j], col[i]];
      }
    for (let i = 0; i < k; i++) V[i * C + c] = col[i];
  }
  return V;
}

/** Class of each row of a row-major n × C prediction matrix: binary sign (+ → 0), else argmax. */
function predictedClass(f: ArrayLike<number>, off: number, n: number, C: number, out: Int32Array) {
  for (let i = 0; i < n; i++) {
    if (C === 1) {
      const v = f[off + i];
      out[i] = v > 0 ? 0 : v < 0 ? 1 : -1; // sign(0) = 0 matches no label
      continue;
    }
    let best = 0;
    for (let c = 1; c < C; c++) if (f[off + i * C + c] > f[off + i * C + best]) best = c;
    out[i] = best;
  }
}

const accuracy = (pred: Int32Array, truth: Int32Array) => {
  let hit = 0;
  for (let i = 0; i < truth.length; i++) if (pred[i] === truth[i]) hit++;
  return hit / truth.length;
};

/**
 * Block subspace iteration for the top-m eigenvalues of a symmetric PSD matrix H (n × n tensor):
 * Q ← H Q, re-orthonormalised each step through the p × p Gram matrix (float64 eigendecomposition,
 * Q = Z U S^{-1/2}), with p = min(n, m + 8) columns; Ritz values from the float64 generalised
 * Rayleigh–Ritz problem (QᵀHQ, QᵀQ), so a slightly non-orthonormal Q is harmless. Only p × p matrices
 * are read back.
 */
export async function topEigenvalues(
  tf: Tf,
  H: tfjs.Tensor2D,
  m: number,
  seed: number,
  cancelled: () => boolean,
): Promise<{ values: number[]; iterations: number; converged: boolean } | null> {
  const n = H.shape[0];
  const p = Math.min(n, m + 8);
  const rng = seedrandom.alea(`ntk-subspace:${seed}`);
  const q0 = new Float32Array(n * p);
  for (let i = 0; i < q0.length; i++)
    q0[i] = Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-300))) * Math.cos(2 * Math.PI * rng());
  let Q: tfjs.Tensor2D = tf.tensor2d(q0, [n, p]);
  let prev: number[] | null = null;
  let values: number[] = [];
  try {
    for (let it = 1; it <= subspaceMaxIterations; it++) {
      if (cancelled()) return null;
      const Z = tf.tidy(() => tf.matMul(H, Q));
      const small = tf.tidy(() =>
        tf.stack([tf.matMul(Q, Q, true), tf.matMul(Q, Z, true), tf.matMul(Z, Z, true)]),
      );
      let g: Float32Array;
      try {
        g = (await small.data()) as Float32Array;
      } finally {
        small.dispose();
      }
      const block = (b: number) =>
        new Matrix(
          Array.from({ length: p }, (_, i) =>
            Array.from(g.subarray(b * p * p + i * p, b * p * p + (i + 1) * p)),
          ),
        );
      const [M, T, G] = [block(0), block(1), block(2)];
      values = ritzValues(M, T).slice(0, m);
      while (values.length < m) values.push(0);
      const done =
        prev !== null &&
        it >= 3 &&
        values.every((v, i) => Math.abs(v - prev![i]) <= subspaceTol * Math.max(Math.abs(values[0]), 1e-30));
      if (done) {
        Z.dispose();
        return { values, iterations: it, converged: true };
      }
      prev = values;
      // Next basis: Z (ZᵀZ)^{-1/2}, columns ordered by decreasing singular value; tiny ones dropped (zeroed).
      const B = orthonormaliser(G);
      const next = tf.tidy(() => tf.matMul(Z, tf.tensor2d(B, [p, p])) as tfjs.Tensor2D);
      Z.dispose();
      Q.dispose();
      Q = next;
    }
    return { values, iterations: subspaceMaxIterations, converged: false };
  } finally {
    Q.dispose();
  }
}

const symmetric = (A: Matrix) => A.add(A.transpose()).mul(0.5);

/** Eigenvalues (descending) of the pencil (T, M), M = QᵀQ ≻ 0 on its numerically non-null part. */
function ritzValues(M: Matrix, T: Matrix): number[] {
  const e = new EigenvalueDecomposition(symmetric(M), { assumeSymmetric: true });
  const mu = e.realEigenvalues;
  const U = e.eigenvectorMatrix;
  const muMax = Math.max(...mu);
  const keep = mu.map((v, i) => (v > 1e-10 * muMax ? i : -1)).filter((i) => i >= 0);
  const B = new Matrix(M.rows, keep.length);
  keep.forEach((j, c) => {
    for (let r = 0; r < M.rows; r++) B.set(r, c, U.get(r, j) / Math.sqrt(mu[j]));
  });
  const Tt = symmetric(B.transpose().mmul(symmetric(T)).mmul(B));
  const vals = new EigenvalueDecomposition(Tt, { assumeSymmetric: true }).realEigenvalues;
  return [...vals].sort((a, b) => b - a);
}

/** U S^{-1/2} for G = U S Uᵀ (columns by decreasing S; directions with S ≤ 1e-12·S_max get 0). */
function orthonormaliser(G: Matrix): Float32Array {
  const p = G.rows;
  const e = new EigenvalueDecomposition(symmetric(G), { assumeSymmetric: true });
  const s = e.realEigenvalues;
  const U = e.eigenvectorMatrix;
  const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a]);
  const sMax = Math.max(s[order[0]], 0);
  const B = new Float32Array(p * p);
  order.forEach((j, c) => {
    const scale = s[j] > 1e-12 * sMax && s[j] > 0 ? 1 / Math.sqrt(s[j]) : 0;
    for (let r = 0; r < p; r++) B[r * p + c] = U.get(r, j) * scale;
  });
  return B;
}

/**
 * NTK self-distillation job. Frames, in order: start; spectrum ('init'); metrics (iteration 0, then every
 * evalEvery iterations and at the last one) with progress frames in between; spectrum ('end'); done.
 * @param fashion the Fashion-MNIST subset; loaded with fetch from the site's data/ folder when absent
 */
export async function* ntkTrainJob(
  p: NtkTrainParams,
  ctx: JobContext,
  fashion?: FashionSubset,
): AsyncGenerator<NtkFrame, void, void> {
  const tf = ctx.tf;
  const t0 = performance.now();
  let subset: FashionSubset | null = null;
  if (p.data === 'fashion') {
    subset = fashion ?? (await loadFashionSubset(fetchArrayBuffer, defaultDataBaseUrl()));
    if (ctx.cancelled()) return;
    if (p.trainSize > subset.trainY.length || p.testSize > subset.testY.length)
      throw new Error(
        `invalid parameters: the data set has ${subset.trainY.length} training and ${subset.testY.length} test images`,
      );
  }
  const P = makeProblem(p, subset);
  const { n, d, C, nTest } = P;
  const k = p.width;
  const T = p.iterations;
  const evalEvery = Math.min(p.evalEvery ?? defaultEvalEvery(T), T);
  const notes: string[] = [];
  let hKind = p.h;
  if (hKind === 'piecewise' && C > 1) {
    hKind = 'sign';
    notes.push(
      "h = 'piecewise' (Theorem 1) is defined for binary labels only; using 'sign' (one-hot argmax)",
    );
  }
  const eig = (p.topEig ?? []).slice(0, p.topK).map((r) => Float64Array.from(r));
  const tDecay = Math.max(1, T / 2);
  const piecewiseC = (1 - 2 * p.rho) / 4;
  const chance = 1 / P.classes;

  /** α as a function of the self-distillation run's accuracy on the noisy labels, for step t. */
  const alphaOf = (acc: number, t: number) => {
    let a: number;
    if (p.alphaRule === 'linear') a = 1 - t / tDecay;
    else if (p.alphaRule === 'paper') a = 1 - p.lambda * acc;
    else a = 1 - p.lambda * Math.max(0, (acc - chance) / (1 - chance));
    return Math.min(1, Math.max(0, a));
  };

  const owned: tfjs.Tensor[] = [];
  const own = <U extends tfjs.Tensor>(t: U): U => {
    owned.push(t);
    return t;
  };
  let Wt: tfjs.Tensor3D | null = null;
  try {
    const X = own(tf.tensor2d(P.X, [n, d]));
    // Batch dimension 2 spelled out rather than broadcast from 1: tfjs-webgl's batched matMul rejects
    // broadcast batch dimensions ("Size(…) must match the product of shape 2,1,…").
    const X3 = own(tf.tidy(() => tf.tile(tf.reshape(X, [1, n, d]), [2, 1, 1]) as tfjs.Tensor3D));
    const Xtest3 = own(
      tf.tidy(() => tf.tile(tf.tensor3d(P.testX, [1, nTest, d]), [2, 1, 1]) as tfjs.Tensor3D),
    );
    const V3 = own(
      tf.tidy(() => tf.tile(tf.tensor3d(outputLayer(k, C, p.seed), [1, k, C]), [2, 1, 1]) as tfjs.Tensor3D),
    );
    const Y = own(tf.tensor2d(Float32Array.from(P.Y), [n, C]));
    const yClassT = own(tf.tensor1d(P.yClass, 'int32'));
    const XXt = own(tf.matMul(X, X, false, true));
    // W ~ N(0, 1), k × d, stored transposed (d × k) and stacked twice: both runs start from the same W.
    Wt = tf.tidy(() => {
      // tfjs draws from Math.random() when the seed is falsy (0): shift it by one.
      const w = tf.randomNormal([1, d, k], 0, 1, 'float32', p.seed + 1);
      return tf.concat([w, w], 0) as tfjs.Tensor3D;
    });

    /** Empirical NTK of run r: (XXᵀ) ⊙ (D Dᵀ)/k, D = 1[XWᵀ > 0] (all v² = 1/k). */
    const ntkOf = (W: tfjs.Tensor3D, r: number) =>
      tf.tidy(() => {
        const w = tf.reshape(tf.slice(W, [r, 0, 0], [1, d, k]), [d, k]) as tfjs.Tensor2D;
        const D = tf.step(tf.matMul(X, w));
        return tf.mul(XXt, tf.div(tf.matMul(D, D, false, true), k)) as tfjs.Tensor2D;
      });
    const hInfT = p.hInf ? own(tf.tensor2d(Float32Array.from(p.hInf), [n, n])) : null;

    const spectrum = async (W: tfjs.Tensor3D, when: 'init' | 'end', iteration: number) => {
      const s0 = performance.now();
      const H = ntkOf(W, 0);
      try {
        const r = await topEigenvalues(tf, H, p.spectrumM, p.seed, ctx.cancelled);
        if (!r) return null;
        let rel: number | null = null;
        if (hInfT) {
          const q = tf.tidy(() => tf.stack([tf.sum(tf.square(tf.sub(H, hInfT))), tf.sum(tf.square(hInfT))]));
          try {
            const [num, den] = await q.data();
            rel = Math.sqrt(num / den);
          } finally {
            q.dispose();
          }
        }
        const frame: NtkSpectrumFrame = {
          kind: 'spectrum',
          when,
          iteration,
          eigenvalues: r.values,
          hInfRelDistance: rel,
          subspaceIterations: r.iterations,
          converged: r.converged,
          ms: performance.now() - s0,
        };
        return frame;
      } finally {
        H.dispose();
      }
    };

    const spec0 = await spectrum(Wt, 'init', 0);
    if (!spec0 || ctx.cancelled()) return;
    const lambdaMax = spec0.eigenvalues[0];
    const eta = p.eta ?? p.etaScale / lambdaMax;

    /** h(F) of the self-distillation run's predictions F [n, C]. */
    const hOf = (F: tfjs.Tensor2D): tfjs.Tensor2D => {
      if (C === 1) {
        if (hKind === 'softmax') return tf.tanh(tf.div(F, p.tau));
        if (hKind === 'piecewise') return tf.clipByValue(tf.div(F, piecewiseC), -1, 1);
        return tf.sign(F);
      }
      if (hKind === 'softmax') return tf.softmax(tf.div(F, p.tau));
      return tf.cast(tf.oneHot(tf.argMax(F, -1), C), 'float32') as tfjs.Tensor2D;
    };
    /** α_t on the device (no readback): the rules of alphaOf, with acc computed from F. */
    const alphaT = (F: tfjs.Tensor2D, t: number): tfjs.Scalar => {
      if (p.alphaRule === 'linear') return tf.scalar(alphaOf(0, t));
      const pred = C === 1 ? tf.equal(tf.sign(F), Y) : tf.equal(tf.argMax(F, -1), yClassT);
      const acc = tf.mean(tf.cast(pred, 'float32'));
      const g = p.alphaRule === 'paper' ? acc : tf.relu(tf.div(tf.sub(acc, chance), 1 - chance));
      return tf.clipByValue(tf.sub(1, tf.mul(p.lambda, g)), 0, 1) as tfjs.Scalar;
    };
    const step = (W: tfjs.Tensor3D, t: number): tfjs.Tensor3D =>
      tf.tidy(() => {
        const pre = tf.matMul(X3, W); // [2, n, k]
        const F = tf.matMul(tf.relu(pre), V3); // [2, n, C]
        const F1 = tf.reshape(tf.slice(F, [1, 0, 0], [1, n, C]), [n, C]) as tfjs.Tensor2D;
        const a = alphaT(F1, t);
        const target1 = tf.add(tf.mul(a, Y), tf.mul(tf.sub(1, a), hOf(F1)));
        const R = tf.sub(F, tf.stack([Y, target1])); // [2, n, C]
        const gPre = tf.mul(tf.matMul(R, V3, false, true), tf.step(pre)); // [2, n, k]
        const grad = tf.matMul(X3, gPre, true, false); // [2, d, k]
        return tf.sub(W, tf.mul(eta, grad)) as tfjs.Tensor3D;
      });

    const projections = (v: Float64Array, off: number): number[] =>
      eig.map((e) => {
        if (C === 1) {
          let s = 0;
          for (let i = 0; i < n; i++) s += e[i] * v[off + i];
          return s;
        }
        let sq = 0;
        for (let c = 0; c < C; c++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += e[i] * v[off + i * C + c];
          sq += s * s;
        }
        return Math.sqrt(sq);
      });
    const topKRatio = (v: Float64Array): number | null => {
      if (eig.length === 0) return null;
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      const proj = projections(v, 0);
      return norm > 0 ? Math.sqrt(proj.reduce((s, x) => s + x * x, 0)) / norm : 0;
    };
    const labelTopKRatio = topKRatio(P.Y);
    const pred = new Int32Array(Math.max(n, nTest));

    const evaluate = async (W: tfjs.Tensor3D, t: number) => {
      const [fT, ftT] = tf.tidy(() => [
        tf.matMul(tf.relu(tf.matMul(X3, W)), V3),
        tf.matMul(tf.relu(tf.matMul(Xtest3, W)), V3),
      ]);
      let f: Float32Array;
      let ft: Float32Array;
      try {
        [f, ft] = (await Promise.all([fT.data(), ftT.data()])) as [Float32Array, Float32Array];
      } finally {
        fT.dispose();
        ftT.dispose();
      }
      const nc = n * C;
      const run = (r: number): RunMetrics => {
        const off = r * nc;
        let loss = 0;
        let clean = 0;
        let fc = 0;
        let cc = 0;
        let fn = 0;
        let nn = 0;
        const resid = new Float64Array(nc);
        for (let i = 0; i < nc; i++) {
          resid[i] = f[off + i] - P.Y[i];
          loss += resid[i] * resid[i];
          clean += (f[off + i] - P.Yclean[i]) ** 2;
          const noise = P.Y[i] - P.Yclean[i];
          fc += f[off + i] * P.Yclean[i];
          cc += P.Yclean[i] * P.Yclean[i];
          fn += f[off + i] * noise;
          nn += noise * noise;
        }
        const trainPred = pred.subarray(0, n);
        predictedClass(f, off, n, C, trainPred);
        const trainAccuracy = accuracy(trainPred, P.yClass);
        const cleanAccuracy = accuracy(trainPred, P.cleanClass);
        const testPred = pred.subarray(0, nTest);
        predictedClass(ft, r * nTest * C, nTest, C, testPred);
        return {
          loss: loss / 2,
          trainAccuracy,
          cleanAccuracy,
          l2ToClean: Math.sqrt(clean / n),
          testAccuracy: accuracy(testPred, P.testClass),
          air: projections(resid, 0),
          cleanFit: cc > 0 ? fc / cc : 0,
          noiseFit: nn > 0 ? fn / nn : null,
        };
      };
      const normal = run(0);
      const sdBase = run(1);
      // The target the step from iteration t uses, rebuilt in float64 from the same float32 predictions.
      const alpha = alphaOf(sdBase.trainAccuracy, t);
      const target = new Float64Array(nc);
      for (let i = 0; i < n; i++) {
        const row = Array.from(f.subarray(nc + i * C, nc + (i + 1) * C));
        let h: number[];
        if (C === 1) {
          const v = row[0];
          h = [
            hKind === 'softmax'
              ? Math.tanh(v / p.tau)
              : hKind === 'piecewise'
                ? Math.min(1, Math.max(-1, v / piecewiseC))
                : Math.sign(v),
          ];
        } else if (hKind === 'softmax') {
          const mx = Math.max(...row);
          const ex = row.map((v) => Math.exp((v - mx) / p.tau));
          const s = ex.reduce((a, b) => a + b, 0);
          h = ex.map((v) => v / s);
        } else {
          let best = 0;
          for (let c = 1; c < C; c++) if (row[c] > row[best]) best = c;
          h = row.map((_, c) => (c === best ? 1 : 0));
        }
        for (let c = 0; c < C; c++) target[i * C + c] = alpha * P.Y[i * C + c] + (1 - alpha) * h[c];
      }
      const targetTopKRatio = topKRatio(target);
      const selfDistill: SelfDistillMetrics = {
        ...sdBase,
        alpha,
        targetTopKRatio,
        infoGain:
          targetTopKRatio !== null && labelTopKRatio !== null ? targetTopKRatio - labelTopKRatio : null,
      };
      return { normal, selfDistill };
    };

    yield {
      kind: 'start',
      data: p.data,
      n,
      d,
      outputs: C,
      nTest,
      width: k,
      iterations: T,
      evalEvery,
      eta,
      lambdaMax,
      flippedFraction: P.flippedFraction,
      h: hKind,
      topK: eig.length,
      notes,
      backend: ctx.backend,
      setupMs: performance.now() - t0,
    };
    if (ctx.cancelled()) return;
    yield spec0;

    let stepMs = 0;
    let last: Awaited<ReturnType<typeof evaluate>> | null = null;
    let segStart = performance.now();
    let lastFrameAt = performance.now();
    let sinceSync = 0;
    let syncEvery = 1;
    /** Waits for the queued steps and books their time; adapts how many steps go between syncs. */
    const sync = async () => {
      if (sinceSync === 0 || !Wt) return;
      const token = tf.slice(Wt, [0, 0, 0], [1, 1, 1]);
      try {
        await token.data();
      } finally {
        token.dispose();
      }
      const ms = performance.now() - segStart;
      stepMs += ms;
      const perStep = ms / sinceSync;
      syncEvery = Math.max(1, Math.min(64, Math.round(syncTargetMs / Math.max(perStep, 1e-3))));
      sinceSync = 0;
    };

    for (let t = 0; ; t++) {
      if (t % evalEvery === 0 || t === T) {
        await sync();
        if (ctx.cancelled()) return;
        last = await evaluate(Wt, t);
        if (ctx.cancelled()) return;
        yield { kind: 'metrics', iteration: t, ...last, labelTopKRatio, elapsedMs: performance.now() - t0 };
        lastFrameAt = segStart = performance.now();
      }
      if (t === T) break;
      if (ctx.cancelled()) return;
      const next = step(Wt, t);
      Wt.dispose();
      Wt = next;
      sinceSync++;
      if (sinceSync >= syncEvery) {
        await sync();
        if (ctx.cancelled()) return;
        if (performance.now() - lastFrameAt >= progressIntervalMs && (t + 1) % evalEvery !== 0) {
          yield { kind: 'progress', iteration: t + 1, iterations: T, elapsedMs: performance.now() - t0 };
          lastFrameAt = segStart = performance.now();
        } else segStart = performance.now();
      }
    }

    const specEnd = await spectrum(Wt, 'end', T);
    if (!specEnd || ctx.cancelled() || !last) return;
    yield specEnd;
    yield {
      kind: 'done',
      iterations: T,
      eta,
      lambdaMax,
      normal: last.normal,
      selfDistill: last.selfDistill,
      msPerStep: stepMs / T,
      stepsPerSecond: (1000 * T) / Math.max(stepMs, 1e-9),
      totalMs: performance.now() - t0,
    };
  } finally {
    Wt?.dispose();
    owned.forEach((t) => t.dispose());
  }
}
