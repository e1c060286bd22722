import type * as tfjs from '@tensorflow/tfjs';
import {
  defaultDataBaseUrl,
  fetchArrayBuffer,
  loadFashionSubset,
  numClasses,
  pixelsPerImage,
  type FashionSubset,
} from '../../data/fashionMnist';
import type { NnParams } from './nnParams';

/** The network job's data provider: the Fashion-MNIST prefixes it trains and tests on, on the device. */

export interface Split {
  x: tfjs.Tensor2D;
  /** labels [n] int32 and their one-hot [n,10] */
  y: tfjs.Tensor1D;
  onehot: tfjs.Tensor2D;
  n: number;
}

/** The subset: `data` when given (Node), else loaded with fetch from the site's data/ folder (browser). */
export async function nnSubset(p: NnParams, data?: FashionSubset): Promise<FashionSubset> {
  const d = data ?? (await loadFashionSubset(fetchArrayBuffer, defaultDataBaseUrl()));
  if (p.trainSize > d.trainY.length || p.testSize > d.testY.length)
    throw new Error(
      `invalid parameters: the data set has ${d.trainY.length} training and ${d.testY.length} test images`,
    );
  return d;
}

/** The first n images of one split as tensors (the subset's prefixes are class balanced). */
export function split(tf: typeof tfjs, x: Float32Array, y: Int32Array, n: number): Split {
  return tf.tidy(() => {
    const yt = tf.tensor1d(y.subarray(0, n), 'int32');
    return {
      x: tf.tensor2d(x.subarray(0, n * pixelsPerImage), [n, pixelsPerImage]),
      y: yt,
      onehot: tf.cast(tf.oneHot(yt, numClasses), 'float32') as tfjs.Tensor2D,
      n,
    };
  });
}
