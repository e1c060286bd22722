import { siteFashionSubset, type FashionSubset } from '../../data/fashionMnist';
import { clusterData, clusterTest, fashionNoisy } from './data';
import type { NtkTrainParams } from './trainParams';

/**
 * The training job's data provider: the problem of one params set in flat arrays, ready for the device
 * and for the float64 metrics. Labels are n × C matrices (C = 1: a ±1 column).
 */
export interface Problem {
  n: number;
  d: number;
  C: number;
  /** classes for the chance correction: 2 when binary */
  classes: number;
  X: Float32Array;
  /** observed targets n × C and clean targets n × C, row-major */
  Y: Float64Array;
  Yclean: Float64Array;
  /** observed and clean class per point (binary: 0 for +1, 1 for −1) */
  yClass: Int32Array;
  cleanClass: Int32Array;
  nTest: number;
  testX: Float32Array;
  testClass: Int32Array;
  flippedFraction: number;
}

const flat = (rows: number[][]) => Float32Array.from(rows.flat());

function makeProblem(p: NtkTrainParams, fashion: FashionSubset | null): Problem {
  if (p.data === 'clusters') {
    const set = clusterData(p);
    const test = clusterTest(set, p.nTest, p.seed);
    const cls = (v: number) => (v > 0 ? 0 : 1);
    return {
      n: p.n,
      d: p.d,
      C: 1,
      classes: 2,
      X: flat(set.X),
      Y: Float64Array.from(set.y),
      Yclean: Float64Array.from(set.yClean),
      yClass: Int32Array.from(set.y, cls),
      cleanClass: Int32Array.from(set.yClean, cls),
      nTest: p.nTest,
      testX: flat(test.X),
      testClass: Int32Array.from(test.y, cls),
      flippedFraction: set.flipped.filter(Boolean).length / p.n,
    };
  }
  if (!fashion) throw new Error('internal: no Fashion-MNIST subset');
  const f = fashionNoisy(fashion, { trainSize: p.trainSize, testSize: p.testSize, p: p.p, seed: p.seed });
  const oneHot = (cls: number[]) =>
    Float64Array.from(cls.flatMap((c) => f.Y[0].map((_, j) => (j === c ? 1 : 0))));
  return {
    n: p.trainSize,
    d: f.X[0].length,
    C: f.C,
    classes: f.C,
    X: flat(f.X),
    Y: oneHot(f.yClass),
    Yclean: oneHot(f.yCleanClass),
    yClass: Int32Array.from(f.yClass),
    cleanClass: Int32Array.from(f.yCleanClass),
    nTest: p.testSize,
    testX: flat(f.testX),
    testClass: Int32Array.from(f.testClass),
    flippedFraction: f.flipped.filter(Boolean).length / p.trainSize,
  };
}

/**
 * The problem of `p`; Fashion-MNIST is `fashion` when given, else loaded with fetch from the site's
 * data/ folder. null when cancelled while loading.
 */
export async function loadProblem(
  p: NtkTrainParams,
  cancelled: () => boolean,
  fashion?: FashionSubset,
): Promise<Problem | null> {
  let subset: FashionSubset | null = null;
  if (p.data === 'fashion') {
    subset = fashion ?? (await siteFashionSubset());
    if (cancelled()) return null;
    if (p.trainSize > subset.trainY.length || p.testSize > subset.testY.length)
      throw new Error(
        `invalid parameters: the data set has ${subset.trainY.length} training and ${subset.testY.length} test images`,
      );
  }
  return makeProblem(p, subset);
}
