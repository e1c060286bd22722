import type * as tfjs from '@tensorflow/tfjs-core';
import type { Mlp } from '../../models/mlp';
import { evaluateMlp } from '../../models/mlpEvaluator';
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
  cancelled?: () => boolean,
): Promise<SplitMetrics> {
  const S = net.w1.shape[0];
  const e = await evaluateMlp(tf, net, d, {
    chunk: evalChunk,
    losses: {
      distill: ({ logits, r0, rows }) =>
        teacher
          ? (tf.mul(
              0.5,
              tf.sum(tf.square(tf.sub(logits, tf.slice(teacher, [r0, 0], [rows, -1]))), [1, 2]),
            ) as tfjs.Tensor1D)
          : tf.zeros([S]),
      gradNormSq: ({ x }) => tf.sum(gradNormSqPerExample(tf, net, x), 1),
    },
    output: logitsOut && { of: (c) => c.logits, into: logitsOut },
    cancelled,
  });
  return { acc: e.acc, distill: teacher ? e.loss.distill : null, gradNormSq: e.loss.gradNormSq };
}
