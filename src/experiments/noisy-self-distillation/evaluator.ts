import type * as tfjs from '@tensorflow/tfjs';
import { mlpLogits, type Mlp } from '../../models/mlp';
import type { Split } from '../../data/fashionTensors';
import { gradNormSqPerExample } from './gradNorm';

/** Metrics of every stacked network on one split: accuracy, loss to the teacher's logits, ‖∇_θ f‖². */

/** Rows per chunk, to bound memory ([S, chunk, hidden] activations). */
const evalChunk = 500;

export interface SplitMetrics {
  /** per network: accuracy on the true labels */
  acc: number[];
  /** per network: mean over the split of ½‖f(x) − f_teacher(x)‖² (null when no teacher logits given) */
  distill: number[] | null;
  /** per network: mean over the split of ‖∇_θ f(x, θ)‖² (gradNorm.ts) */
  gradNormSq: number[];
}

/**
 * @param teacher the teacher's logits on this split [n, L], or null
 * @param logitsOut when given, receives the networks' logits [S·n, L] (seed-major): the teacher's targets
 */
export async function evaluateSplit(
  tf: typeof tfjs,
  net: Mlp,
  d: Split,
  teacher: tfjs.Tensor2D | null,
  logitsOut?: Float32Array,
): Promise<SplitMetrics> {
  const S = net.w1.shape[0];
  const L = net.w2.shape[2];
  let acc: tfjs.Tensor1D = tf.zeros([S]);
  let distill: tfjs.Tensor1D = tf.zeros([S]);
  let grad: tfjs.Tensor1D = tf.zeros([S]);
  try {
    for (let r0 = 0; r0 < d.n; r0 += evalChunk) {
      const n = Math.min(evalChunk, d.n - r0);
      const [a, l, g, f] = tf.tidy(() => {
        // The inputs broadcast over the networks: [1,n,784] against w1 [S,784,H].
        const x = tf.expandDims(tf.slice(d.x, [r0, 0], [n, -1]), 0) as tfjs.Tensor3D;
        const logits = mlpLogits(tf, net, x);
        const hit = tf.cast(tf.equal(tf.argMax(logits, -1), tf.slice(d.y, [r0], [n])), 'float32');
        const sq = teacher
          ? tf.mul(0.5, tf.sum(tf.square(tf.sub(logits, tf.slice(teacher, [r0, 0], [n, -1]))), [1, 2]))
          : tf.zeros([S]);
        return [
          tf.add(acc, tf.sum(hit, 1)),
          tf.add(distill, sq),
          tf.add(grad, tf.sum(gradNormSqPerExample(tf, net, x), 1)),
          logitsOut ? logits : null,
        ];
      });
      [acc, distill, grad].forEach((t) => t.dispose());
      [acc, distill, grad] = [a as tfjs.Tensor1D, l as tfjs.Tensor1D, g as tfjs.Tensor1D];
      if (f && logitsOut) {
        const v = await f.data();
        for (let s = 0; s < S; s++) logitsOut.set(v.subarray(s * n * L, (s + 1) * n * L), (s * d.n + r0) * L);
        f.dispose();
      }
    }
    const [av, lv, gv] = await Promise.all([acc.data(), distill.data(), grad.data()]);
    return {
      acc: Array.from(av, (v) => v / d.n),
      distill: teacher ? Array.from(lv, (v) => v / d.n) : null,
      gradNormSq: Array.from(gv, (v) => v / d.n),
    };
  } finally {
    [acc, distill, grad].forEach((t) => t.dispose());
  }
}
