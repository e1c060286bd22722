import type * as tfjs from '@tensorflow/tfjs';
import { numClasses } from '../../data/fashionMnist';
import { mlpLogits, type Mlp } from '../../models/mlp';
import type { Split } from '../../data/fashionTensors';

/** The network job's evaluator: accuracy and ℓ2 loss of every seed's network on one split. */

/** Evaluation runs over the data in chunks of this many rows to bound memory. */
const evalChunk = 1000;

export interface Evaluation {
  acc: number[];
  /** mean ‖softmax − onehot(y)‖² */
  l2: number[];
  /** softmax outputs [S·n, 10] (seed-major), when asked for: the next round's targets */
  probs: tfjs.Tensor2D | null;
}

export async function evaluate(
  tf: typeof tfjs,
  net: Mlp,
  d: Split,
  seeds: number,
  keepProbs: boolean,
): Promise<Evaluation> {
  let correct: tfjs.Tensor1D = tf.zeros([seeds]);
  let l2: tfjs.Tensor1D = tf.zeros([seeds]);
  const parts: tfjs.Tensor3D[] = [];
  try {
    for (let r0 = 0; r0 < d.n; r0 += evalChunk) {
      const rows = Math.min(evalChunk, d.n - r0);
      const [c, l, probs] = tf.tidy((): tfjs.Tensor[] => {
        // The inputs broadcast over the seeds: [1,rows,784] against w1 [S,784,H].
        const x = tf.slice(d.x, [r0, 0], [rows, -1]).expandDims(0) as tfjs.Tensor3D;
        const logits = mlpLogits(tf, net, x);
        const p = tf.softmax(logits);
        const oh = tf.slice(d.onehot, [r0, 0], [rows, -1]);
        const y = tf.slice(d.y, [r0], [rows]);
        const hit = tf.cast(tf.equal(tf.argMax(logits, -1), y), 'float32');
        const c = tf.add(correct, tf.sum(hit, 1));
        const l = tf.add(l2, tf.sum(tf.sum(tf.square(tf.sub(p, oh)), -1), 1));
        return keepProbs ? [c, l, p] : [c, l];
      }) as [tfjs.Tensor1D, tfjs.Tensor1D, tfjs.Tensor3D?];
      correct.dispose();
      l2.dispose();
      correct = c;
      l2 = l;
      if (probs) parts.push(probs);
    }
    const [cv, lv] = await Promise.all([correct.data(), l2.data()]);
    const probs = keepProbs
      ? tf.tidy(() => tf.reshape(tf.concat(parts, 1), [seeds * d.n, numClasses]) as tfjs.Tensor2D)
      : null;
    return { acc: Array.from(cv, (v) => v / d.n), l2: Array.from(lv, (v) => v / d.n), probs };
  } finally {
    correct.dispose();
    l2.dispose();
    parts.forEach((t) => t.dispose());
  }
}
