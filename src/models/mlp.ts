import type * as tfjs from '@tensorflow/tfjs-core';

/**
 * A one-hidden-layer MLP (inputs → hidden ReLU → outputs) for S independent seeds as ONE program:
 * weights carry a leading seed dimension (w1 [S,inputs,hidden], b1 [S,1,hidden], w2 [S,hidden,outputs],
 * b2 [S,1,outputs]). This layout is the interface (evaluators, checkpoints); training runs in the layout
 * of mlpTrainer.ts, made for tfjs-wasm's fast products.
 */

type Tf = typeof tfjs;

export interface Mlp {
  w1: tfjs.Variable<tfjs.Rank.R3>;
  b1: tfjs.Variable<tfjs.Rank.R3>;
  w2: tfjs.Variable<tfjs.Rank.R3>;
  b2: tfjs.Variable<tfjs.Rank.R3>;
}

export interface MlpShape {
  seeds: number;
  inputs: number;
  hidden: number;
  outputs: number;
}

/** A fresh network: He initialisation for the ReLU layer, LeCun for the output layer, zero biases. */
export function initMlp(tf: Tf, s: MlpShape, seed: number): Mlp {
  // tf.variable(t) keeps t alive as a separate tensor: dispose each initial value once it is copied.
  const v = (init: tfjs.Tensor3D) => {
    const variable = tf.variable(init);
    init.dispose();
    return variable;
  };
  return {
    w1: v(tf.randomNormal([s.seeds, s.inputs, s.hidden], 0, Math.sqrt(2 / s.inputs), 'float32', seed)),
    b1: v(tf.zeros([s.seeds, 1, s.hidden])),
    w2: v(tf.randomNormal([s.seeds, s.hidden, s.outputs], 0, Math.sqrt(1 / s.hidden), 'float32', seed + 1)),
    b2: v(tf.zeros([s.seeds, 1, s.outputs])),
  };
}

export const mlpVariables = (net: Mlp) => [net.w1, net.b1, net.w2, net.b2];

export const disposeMlp = (net: Mlp) => mlpVariables(net).forEach((v) => v.dispose());

/**
 * tf.transpose(t, perm) reshaped to `shape`; only a reshape (no copy) where the permutation moves
 * nothing but axes of length 1.
 */
export function permute(tf: Tf, t: tfjs.Tensor, perm: number[], shape: number[]): tfjs.Tensor {
  const moved = perm.filter((axis) => t.shape[axis] !== 1);
  const inOrder = moved.every((axis, i) => i === 0 || moved[i - 1] < axis);
  return tf.reshape(inOrder ? t : tf.transpose(t, perm), shape);
}

/**
 * logits [S,n,outputs] of inputs x: [S,n,inputs] (each seed its own inputs) or [1,n,inputs] (shared).
 * Shared inputs (the evaluators') take the fast layout: one 2-D product W1ᵀ·Xᵀ [S·hidden, n] for every
 * network's first layer, the small second layer batched. Training goes through mlpTrainer.ts.
 */
export function mlpLogits(tf: Tf, net: Mlp, x: tfjs.Tensor3D): tfjs.Tensor3D {
  if (x.shape[0] !== 1) {
    const h = tf.relu(tf.add(tf.matMul(x, net.w1), net.b1));
    return tf.add(tf.matMul(h, net.w2), net.b2);
  }
  const [S, I, H] = net.w1.shape;
  const n = x.shape[1];
  return tf.tidy(() => {
    const w1t = tf.reshape(tf.transpose(net.w1, [0, 2, 1]), [S * H, I]) as tfjs.Tensor2D;
    const xt = tf.transpose(tf.reshape(x, [n, I])) as tfjs.Tensor2D;
    const at = tf.relu(tf.add(tf.reshape(tf.matMul(w1t, xt), [S, H, n]), tf.reshape(net.b1, [S, H, 1])));
    const lt = tf.matMul(tf.transpose(net.w2, [0, 2, 1]), at as tfjs.Tensor3D);
    return tf.add(tf.transpose(lt, [0, 2, 1]), net.b2) as tfjs.Tensor3D;
  });
}

/** The losses against soft targets: ℓ2 between softmax and targets, or cross-entropy. */
export type SoftmaxLoss = 'l2' | 'ce';

/** per-seed batch-mean loss [S] between softmax(logits) and targets t, both [S,B,outputs] */
export function softmaxLossPerSeed(
  tf: Tf,
  kind: SoftmaxLoss,
  logits: tfjs.Tensor3D,
  t: tfjs.Tensor3D,
): tfjs.Tensor1D {
  if (kind === 'l2') return tf.mean(tf.sum(tf.square(tf.sub(tf.softmax(logits), t)), -1), -1);
  return tf.neg(tf.mean(tf.sum(tf.mul(t, tf.logSoftmax(logits)), -1), -1));
}

/**
 * softmaxLossPerSeed and its gradient with respect to the logits of the sum over seeds, written out (the
 * terms tfjs's autodiff forms, without a tape): ℓ2 with p = softmax(z), e = p − t: (2/B)·p ⊙ (e − Σ p⊙e);
 * cross-entropy: (p·Σt − t)/B.
 */
export function softmaxLossWithGrad(
  tf: Tf,
  kind: SoftmaxLoss,
  logits: tfjs.Tensor3D,
  t: tfjs.Tensor3D,
): { loss: tfjs.Tensor1D; dLogits: tfjs.Tensor3D } {
  const B = logits.shape[1];
  if (kind === 'l2') {
    const p = tf.softmax(logits);
    const e = tf.sub(p, t);
    const pe = tf.mul(e, p);
    return {
      loss: tf.mean(tf.sum(tf.square(e), -1), -1),
      dLogits: tf.mul(tf.mul(p, tf.sub(e, tf.sum(pe, -1, true))), 2 / B),
    };
  }
  const ls = tf.logSoftmax(logits);
  return {
    loss: tf.neg(tf.mean(tf.sum(tf.mul(t, ls), -1), -1)),
    dLogits: tf.div(tf.sub(tf.mul(tf.exp(ls), tf.sum(t, -1, true)), t), B),
  };
}
