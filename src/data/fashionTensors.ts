import type * as tfjs from '@tensorflow/tfjs-core';
import { siteFashionSubset, numClasses, pixelsPerImage, type FashionSubset } from './fashionMnist';

/** Images of the Fashion-MNIST subset on the device: pixels [n,784], labels [n] int32, one-hot [n,10]. */
export interface Split {
  x: tfjs.Tensor2D;
  y: tfjs.Tensor1D;
  onehot: tfjs.Tensor2D;
  n: number;
}

/**
 * The subset with at least `trainSize` training and `testSize` test images: `data` when given (Node),
 * else loaded with fetch from the site's data/ folder (browser).
 */
export async function fashionSubsetFor(
  trainSize: number,
  testSize: number,
  data?: FashionSubset,
): Promise<FashionSubset> {
  const d = data ?? (await siteFashionSubset());
  if (trainSize > d.trainY.length || testSize > d.testY.length)
    throw new Error(
      `invalid parameters: the data set has ${d.trainY.length} training and ${d.testY.length} test images`,
    );
  return d;
}

/** Rows [lo, lo + n) of one split as tensors (the subset's blocks of ten are class balanced). */
export function splitRows(tf: typeof tfjs, x: Float32Array, y: Int32Array, lo: number, n: number): Split {
  return tf.tidy(() => {
    const yt = tf.tensor1d(y.subarray(lo, lo + n), 'int32');
    return {
      x: tf.tensor2d(x.subarray(lo * pixelsPerImage, (lo + n) * pixelsPerImage), [n, pixelsPerImage]),
      y: yt,
      onehot: tf.cast(tf.oneHot(yt, numClasses), 'float32') as tfjs.Tensor2D,
      n,
    };
  });
}
