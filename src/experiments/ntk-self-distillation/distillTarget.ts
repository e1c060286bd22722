import type * as tfjs from '@tensorflow/tfjs-core';
import type { NtkTrainParams } from './trainParams';

/**
 * Algorithm 1's target ŷ_t = α_t y + (1 − α_t) h(f(x)): the label function h and the α rule, written
 * ONCE over a few arithmetic operations. The training step evaluates them on the device (tfjs tensors,
 * float32, no readback) and the metrics evaluate them in float64 on the predictions read back, so the
 * two can only differ by rounding (distillTarget.test.ts checks that they agree).
 */

/**
 * What the rules compute with. On tensors the operations broadcast and "rows" are the last axis; in
 * float64 a value is a number[] (one row of C outputs, or a scalar as a 1-vector) and length-1 vectors
 * broadcast.
 */
export interface Ops<V> {
  scalar(v: number): V;
  add(a: V, b: V): V;
  sub(a: V | number, b: V | number): V;
  mul(a: V | number, b: V | number): V;
  div(a: V, b: number): V;
  relu(a: V): V;
  clip(a: V, lo: number, hi: number): V;
  tanh(a: V): V;
  sign(a: V): V;
  /** softmax(a/τ) along the rows */
  softmax(a: V, tau: number): V;
  /** one-hot of each row's argmax (the first on ties) */
  hardmax(a: V): V;
}

/** The ops on tfjs tensors: the training step's, on the device. */
export function tensorOps(tf: typeof tfjs): Ops<tfjs.Tensor> {
  return {
    scalar: (v) => tf.scalar(v),
    add: (a, b) => tf.add(a, b),
    sub: (a, b) => tf.sub(a, b),
    mul: (a, b) => tf.mul(a, b),
    div: (a, b) => tf.div(a, b),
    relu: (a) => tf.relu(a),
    clip: (a, lo, hi) => tf.clipByValue(a, lo, hi),
    tanh: (a) => tf.tanh(a),
    sign: (a) => tf.sign(a),
    softmax: (a, tau) => tf.softmax(tf.div(a, tau)),
    hardmax: (a) => tf.cast(tf.oneHot(tf.argMax(a, -1), a.shape[a.rank - 1]), 'float32'),
  };
}

const zip = (a: number[] | number, b: number[] | number, f: (x: number, y: number) => number) => {
  const A = typeof a === 'number' ? [a] : a;
  const B = typeof b === 'number' ? [b] : b;
  return Array.from({ length: Math.max(A.length, B.length) }, (_, i) =>
    f(A.length === 1 ? A[0] : A[i], B.length === 1 ? B[0] : B[i]),
  );
};

/** The ops in float64 on one row (number[]): the metrics'. */
export const float64Ops: Ops<number[]> = {
  scalar: (v) => [v],
  add: (a, b) => zip(a, b, (x, y) => x + y),
  sub: (a, b) => zip(a, b, (x, y) => x - y),
  mul: (a, b) => zip(a, b, (x, y) => x * y),
  div: (a, b) => a.map((x) => x / b),
  relu: (a) => a.map((x) => Math.max(0, x)),
  clip: (a, lo, hi) => a.map((x) => Math.min(hi, Math.max(lo, x))),
  tanh: (a) => a.map(Math.tanh),
  sign: (a) => a.map(Math.sign),
  softmax: (a, tau) => {
    const mx = Math.max(...a);
    const ex = a.map((v) => Math.exp((v - mx) / tau));
    const s = ex.reduce((x, y) => x + y, 0);
    return ex.map((v) => v / s);
  },
  hardmax: (a) => {
    let best = 0;
    for (let c = 1; c < a.length; c++) if (a[c] > a[best]) best = c;
    return a.map((_, c) => (c === best ? 1 : 0));
  },
};

export type LabelFunction = NtkTrainParams['h'];
export type AlphaRule = NtkTrainParams['alphaRule'];

/** What the rules read: the params' choices plus the problem's shape. */
export interface TargetRule {
  h: LabelFunction;
  tau: number;
  /** the flip probability ρ, for the piecewise h of Theorem 1 */
  rho: number;
  alphaRule: AlphaRule;
  lambda: number;
  /** outputs C (1: binary ±1 labels) */
  outputs: number;
  /** classes, for the chance level 1/classes (2 when binary) */
  classes: number;
  /** the run's iterations: the linear rule decays α to 0 at half of them */
  iterations: number;
}

/** The h actually used: piecewise is Theorem 1's, binary only; for C > 1 it falls back to sign. */
export function effectiveLabelFunction(
  h: LabelFunction,
  outputs: number,
): { h: LabelFunction; note: string | null } {
  if (h === 'piecewise' && outputs > 1)
    return {
      h: 'sign',
      note: "h = 'piecewise' (Theorem 1) is defined for binary labels only; using 'sign' (one-hot argmax)",
    };
  return { h, note: null };
}

/**
 * h(F) of predictions F (rows = points, C outputs). Binary (C = 1, labels ±1): sign, tanh(f/τ) (the
 * two-class softmax on the ±1 scale) or Theorem 1's clip(f/c, −1, 1) with c = (1 − 2ρ)/4; C > 1: the
 * one-hot argmax or softmax(f/τ). Pass the effective h (see effectiveLabelFunction).
 */
export function labelFunction<V>(o: Ops<V>, r: TargetRule, F: V): V {
  if (r.outputs === 1) {
    if (r.h === 'softmax') return o.tanh(o.div(F, r.tau));
    if (r.h === 'piecewise') return o.clip(o.div(F, (1 - 2 * r.rho) / 4), -1, 1);
    return o.sign(F);
  }
  if (r.h === 'softmax') return o.softmax(F, r.tau);
  return o.hardmax(F);
}

/**
 * α_t for the step from iteration t, clipped to [0, 1], from the self-distillation run's accuracy on
 * the noisy labels (asked for only by the rules that read it):
 *  paper:  1 − λ·acc (Dong et al.);
 *  chance: 1 − λ·max(0, (acc − 1/C)/(1 − 1/C)), the accuracy above chance, so the random initial
 *          predictions (acc ≈ ½ on two classes) do not lock in;
 *  linear: 1 − t/(T/2), a slow decay independent of the predictions (Theorem 1).
 */
export function alphaRule<V>(o: Ops<V>, r: TargetRule, accuracy: () => V, t: number): V {
  if (r.alphaRule === 'linear') return o.clip(o.scalar(1 - t / Math.max(1, r.iterations / 2)), 0, 1);
  const acc = accuracy();
  const chance = 1 / r.classes;
  const g = r.alphaRule === 'paper' ? acc : o.relu(o.div(o.sub(acc, chance), 1 - chance));
  return o.clip(o.sub(1, o.mul(r.lambda, g)), 0, 1);
}

/** ŷ = α y + (1 − α) h, for a scalar α. */
export function mixTarget<V>(o: Ops<V>, alpha: V, y: V, h: V): V {
  return o.add(o.mul(alpha, y), o.mul(o.sub(1, alpha), h));
}
