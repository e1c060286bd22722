import type * as tfjs from '@tensorflow/tfjs';
import {
  defaultDataBaseUrl,
  fetchArrayBuffer,
  loadFashionSubset,
  numClasses,
  pixelsPerImage,
  type FashionSubset,
} from '../../data/fashionMnist';
import { trainSplitSize } from './params';

/** The job's data: training / validation / test splits of the shipped Fashion-MNIST subset, on the device. */

export interface Split {
  x: tfjs.Tensor2D;
  /** labels [n] int32 and their one-hot [n,10] */
  y: tfjs.Tensor1D;
  onehot: tfjs.Tensor2D;
  n: number;
}

export interface Splits {
  train: Split;
  val: Split;
  test: Split;
}

/** The subset: `data` when given (Node), else loaded with fetch from the site's data/ folder (browser). */
export async function fashion(trainSize: number, testSize: number, data?: FashionSubset) {
  const d = data ?? (await loadFashionSubset(fetchArrayBuffer, defaultDataBaseUrl()));
  if (trainSize > d.trainY.length || testSize > d.testY.length)
    throw new Error(
      `invalid parameters: the data set has ${d.trainY.length} training and ${d.testY.length} test images`,
    );
  return d;
}

/** Rows [lo, lo + n) of one split as tensors. */
function rows(tf: typeof tfjs, x: Float32Array, y: Int32Array, lo: number, n: number): Split {
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

/**
 * The first `trainSize` training images, the last 20% of them held out for validation (as the paper
 * does); the first `testSize` test images. The subset's blocks of ten hold one image per class, so the
 * prefixes are class balanced.
 */
export function splits(tf: typeof tfjs, d: FashionSubset, trainSize: number, testSize: number): Splits {
  const nTrain = trainSplitSize(trainSize);
  return {
    train: rows(tf, d.trainX, d.trainY, 0, nTrain),
    val: rows(tf, d.trainX, d.trainY, nTrain, trainSize - nTrain),
    test: rows(tf, d.testX, d.testY, 0, testSize),
  };
}

export const disposeSplit = (s: Split) => [s.x, s.y, s.onehot].forEach((t) => t.dispose());
