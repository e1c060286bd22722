import type * as tfjs from '@tensorflow/tfjs-core';
import type { FashionSubset } from '../../data/fashionMnist';
import { splitRows, type Split } from '../../data/fashionTensors';
import { trainSplitSize } from './params';

/** The job's data: training / validation / test splits of the shipped Fashion-MNIST subset, on the device. */

export interface Splits {
  train: Split;
  val: Split;
  test: Split;
}

/**
 * The first `trainSize` training images, the last 20% of them held out for validation (as the paper
 * does); the first `testSize` test images. The subset's blocks of ten hold one image per class, so the
 * prefixes are class balanced.
 */
export function splits(tf: typeof tfjs, d: FashionSubset, trainSize: number, testSize: number): Splits {
  const nTrain = trainSplitSize(trainSize);
  return {
    train: splitRows(tf, d.trainX, d.trainY, 0, nTrain),
    val: splitRows(tf, d.trainX, d.trainY, nTrain, trainSize - nTrain),
    test: splitRows(tf, d.testX, d.testY, 0, testSize),
  };
}

export const disposeSplit = (s: Split) => [s.x, s.y, s.onehot].forEach((t) => t.dispose());
