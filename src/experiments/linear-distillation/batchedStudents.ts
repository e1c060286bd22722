import type * as tfjs from '@tensorflow/tfjs-core';

/**
 * Many linear students trained at once (tfjs, any backend): B problems stacked as tensors, one
 * batched program of matMuls per step. Each problem b has up to m points in D coordinates (padding
 * rows carry weight 0), its own targets (soft or hard labels) and its own step size. The optimiser is
 * acceleratedGd of ./math/linearGradientDescent.ts (the float64 reference the tests compare with):
 * Nesterov momentum k/(k + 3) with adaptive restart, from w = 0.
 */
export interface StudentBatch {
  B: number;
  m: number;
  D: number;
  /** B·m·D, row-major per problem */
  X: Float32Array;
  /** B·m targets in [0, 1] */
  targets: Float32Array;
  /** B·m: 1/n_b for the problem's n_b points, 0 for padding (the mean of eq. 1) */
  weights: Float32Array;
  /** B step sizes */
  eta: Float32Array;
}

export interface TrainProgress {
  steps: number;
  /** the B·D weights, on the last frame only */
  W?: Float32Array;
}

/**
 * Runs `steps` steps, yielding after every `chunk` (the engine pulls one frame per display frame, and
 * cancellation lands between chunks). Tensors stay flat: each step disposes what it replaces.
 */
export async function* trainStudents(
  tf: typeof tfjs,
  batch: StudentBatch,
  steps: number,
  cancelled: () => boolean,
  chunk = 50,
): AsyncGenerator<TrainProgress, void, void> {
  const { B, m, D } = batch;
  const X = tf.tensor3d(batch.X, [B, m, D]);
  const y = tf.tensor3d(batch.targets, [B, m, 1]);
  const wgt = tf.tensor3d(batch.weights, [B, m, 1]);
  const eta = tf.tensor3d(batch.eta, [B, 1, 1]);
  let w = tf.zeros([B, D, 1]) as tfjs.Tensor3D;
  let prev = tf.zeros([B, D, 1]) as tfjs.Tensor3D;
  let k = tf.zeros([B, 1, 1]) as tfjs.Tensor3D;
  try {
    for (let done = 0; done < steps;) {
      if (cancelled()) return;
      const end = Math.min(done + chunk, steps);
      for (; done < end; done++) {
        const [nw, np, nk] = tf.tidy(() => {
          const mu = tf.div(k, tf.add(k, 3));
          const look = tf.add(w, tf.mul(mu, tf.sub(w, prev)));
          const r = tf.mul(tf.sub(tf.sigmoid(tf.matMul(X, look)), y), wgt);
          const g = tf.matMul(X, r, true, false);
          const next = tf.sub(look, tf.mul(eta, g));
          // Restart the momentum where the step went against the gradient.
          const against = tf.greater(tf.sum(tf.mul(g, tf.sub(next, w)), 1, true), 0);
          const kNext = tf.where(against, tf.zerosLike(k), tf.add(k, 1));
          return [next, w.clone(), kNext] as tfjs.Tensor3D[];
        });
        tf.dispose([w, prev, k]);
        w = nw;
        prev = np;
        k = nk;
      }
      if (done < steps) yield { steps: done };
    }
    const W = (await w.data()) as Float32Array;
    yield { steps, W };
  } finally {
    tf.dispose([X, y, wgt, eta, w, prev, k]);
  }
}
