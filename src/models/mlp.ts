import type * as tfjs from '@tensorflow/tfjs';

/**
 * A one-hidden-layer MLP (inputs → hidden ReLU → outputs) for S independent seeds as ONE program:
 * weights carry a leading seed dimension (w1 [S,inputs,hidden], b1 [S,1,hidden], w2 [S,hidden,outputs],
 * b2 [S,1,outputs]), so a step runs every seed's forward and backward pass as batched matMuls.
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

/** logits [S,n,outputs] of inputs x: [S,n,inputs] (each seed its own inputs) or [1,n,inputs] (shared). */
export function mlpLogits(tf: Tf, net: Mlp, x: tfjs.Tensor3D): tfjs.Tensor3D {
  const h = tf.relu(tf.add(tf.matMul(x, net.w1), net.b1));
  return tf.add(tf.matMul(h, net.w2), net.b2);
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
