import type { FashionSubset } from '../../data/fashionMnist';
import { seededNormal, seededUniform } from '../../math/rng';
import type { KdParams } from './params';

/** A two-class problem with ±1 labels and unit-norm inputs (row-major float64). */
export interface KdProblem {
  n: number;
  d: number;
  nTest: number;
  X: Float64Array;
  /** observed training labels (after label noise) */
  y: Float64Array;
  testX: Float64Array;
  testY: Float64Array;
  /** validation set: drawn like the training set, labels noised alike (no clean labels to stop on) */
  nVal: number;
  valX: Float64Array;
  valY: Float64Array;
  flipped: number;
}

function unitRows(X: Float64Array, d: number): Float64Array {
  for (let i = 0; i < X.length / d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += X[i * d + j] ** 2;
    const r = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < d; j++) X[i * d + j] *= r;
  }
  return X;
}

/** Two Gaussian classes ±u + N(0, I/d) around a random unit direction u, rows normalised. */
function synthetic(p: KdParams, rows: number, stream: string) {
  const normal = seededNormal(`kd-synth:${p.seed}:${stream}`);
  const dirNormal = seededNormal(`kd-dir:${p.seed}`);
  const u = Float64Array.from({ length: p.d }, () => dirNormal());
  const un = Math.hypot(...u);
  const X = new Float64Array(rows * p.d);
  const y = Float64Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 1 : -1));
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < p.d; j++) X[i * p.d + j] = (y[i] * u[j]) / un + normal() / Math.sqrt(p.d);
  return { X: unitRows(X, p.d), y };
}

/** Fashion-MNIST classes 7 (sneaker, +1) and 9 (ankle boot, −1), the SCIENCE.md pair. */
const classPlus = 7;
const classMinus = 9;

/** `rows` images, half per class, after skipping the first skip[c] of each class. */
function fashionSplit(xs: Float32Array, ys: Int32Array, rows: number, skip = [0, 0]) {
  const d = 784;
  const X = new Float64Array(rows * d);
  const y = new Float64Array(rows);
  const want = [Math.ceil(rows / 2), Math.floor(rows / 2)];
  const left = [...skip];
  let k = 0;
  for (let i = 0; i < ys.length && k < rows; i++) {
    const c = ys[i] === classPlus ? 0 : ys[i] === classMinus ? 1 : -1;
    if (c < 0 || want[c] === 0) continue;
    if (left[c] > 0) {
      left[c]--;
      continue;
    }
    want[c]--;
    X.set(xs.subarray(i * d, (i + 1) * d), k * d);
    y[k++] = c === 0 ? 1 : -1;
  }
  if (k < rows) throw new Error(`invalid parameters: the subset has only ${k} images of classes 7 and 9`);
  return { X: unitRows(X, d), y };
}

export function makeProblem(p: KdParams, fashion: FashionSubset | null): KdProblem {
  const isF = p.data === 'fashion';
  if (isF && !fashion) throw new Error('internal: no Fashion-MNIST subset');
  const train = isF ? fashionSplit(fashion!.trainX, fashion!.trainY, p.n) : synthetic(p, p.n, 'train');
  const test = isF ? fashionSplit(fashion!.testX, fashion!.testY, p.nTest) : synthetic(p, p.nTest, 'test');
  const skip = [Math.ceil(p.n / 2), Math.floor(p.n / 2)];
  const val = isF
    ? fashionSplit(fashion!.trainX, fashion!.trainY, p.nVal, skip)
    : synthetic(p, p.nVal, 'val');
  const u = seededUniform(`kd-noise:${p.seed}`);
  let flipped = 0;
  const y = train.y.map((v) => (u() < p.labelNoise ? (flipped++, -v) : v));
  const uv = seededUniform(`kd-noise-val:${p.seed}`);
  const valY = val.y.map((v) => (uv() < p.labelNoise ? -v : v));
  return {
    n: p.n,
    d: isF ? 784 : p.d,
    nTest: p.nTest,
    X: train.X,
    y,
    testX: test.X,
    testY: test.y,
    nVal: p.nVal,
    valX: val.X,
    valY,
    flipped,
  };
}
