import type { FashionSubset } from '../../data/fashionMnist';
import { makeRng, type PointCloud } from './math/angularSampling';
import { gramTopEigenvalue } from '../../math/powerIteration';
import { distillationSolution, norm } from './math/linearDistillation';
import { acceleratedGd } from './math/linearGradientDescent';
import { summarize, type SetSummary } from './frames';
import { fashionPairs, type FashionPair } from './params';

/** Inputs are the 784 pixels and a constant 1: the teacher's bias becomes a weight (no bias in the paper). */
const DIM = 785;
/** Random transfer sets (and directions q) per δ. */
export const FASHION_DRAWS = 20;
const TEACHER_STEPS = 400;

export interface FashionModel {
  pair: FashionPair;
  n: number;
  teacherAccuracy: number;
  testSize: number;
  /** per draw: ŵᵀx and q̂ᵀx on every test image, and ‖ŵ‖ */
  along: Float64Array[];
  across: Float64Array[];
  wHatNorm: number[];
  /** the teacher's signs on the test images */
  teacherSign: Int8Array;
  angle: number;
}

function pairRows(X: Float32Array, Y: Int32Array, a: number, b: number) {
  const idx: number[] = [];
  for (let i = 0; i < Y.length; i++) if (Y[i] === a || Y[i] === b) idx.push(i);
  const cloud: PointCloud = { X: new Float64Array(idx.length * DIM), rows: idx.length, dim: DIM };
  const label = new Float64Array(idx.length);
  idx.forEach((src, i) => {
    for (let j = 0; j < 784; j++) cloud.X[i * DIM + j] = X[src * 784 + j];
    cloud.X[i * DIM + 784] = 1;
    label[i] = Y[src] === b ? 1 : 0;
  });
  return { cloud, label };
}

const rowsOf = (c: PointCloud, idx: readonly number[]): PointCloud => {
  const X = new Float64Array(idx.length * c.dim);
  idx.forEach((r, i) => X.set(c.X.subarray(r * c.dim, (r + 1) * c.dim), i * c.dim));
  return { X, rows: idx.length, dim: c.dim };
};

const dotRow = (c: PointCloud, i: number, w: ArrayLike<number>) => {
  let s = 0;
  for (let j = 0; j < c.dim; j++) s += c.X[i * c.dim + j] * w[j];
  return s;
};

/**
 * Fig. 4's setting: the pair's training images split in two by parity; the teacher is logistic regression
 * on the even half (gradient descent, a fixed number of steps, as an early-stopped teacher), transfer
 * sets of n images are drawn from the odd half, and everything is scored on the pair's test images.
 */
export function* fashionModel(
  data: FashionSubset,
  pair: FashionPair,
  n: number,
  seed: number,
  cancelled: () => boolean,
): Generator<'teacher' | 'students', FashionModel | null, void> {
  const { a, b } = fashionPairs[pair];
  const train = pairRows(data.trainX, data.trainY, a, b);
  const test = pairRows(data.testX, data.testY, a, b);
  const even = Array.from({ length: Math.ceil(train.cloud.rows / 2) }, (_, i) => 2 * i);
  const odd = Array.from({ length: Math.floor(train.cloud.rows / 2) }, (_, i) => 2 * i + 1);
  const teacherSet = rowsOf(train.cloud, even);
  const teacherLabels = Float64Array.from(even, (i) => train.label[i]);
  yield 'teacher';
  const eta = (4 * teacherSet.rows) / gramTopEigenvalue(teacherSet.X, teacherSet.rows, teacherSet.dim);
  const wStar = acceleratedGd(teacherSet, teacherLabels, teacherSet.rows, DIM, TEACHER_STEPS, eta);
  const teacherSign = new Int8Array(test.cloud.rows);
  let correct = 0;
  for (let i = 0; i < test.cloud.rows; i++) {
    teacherSign[i] = dotRow(test.cloud, i, wStar) >= 0 ? 1 : -1;
    if ((teacherSign[i] > 0 ? 1 : 0) === test.label[i]) correct++;
  }
  const model: FashionModel = {
    pair,
    n,
    teacherAccuracy: correct / test.cloud.rows,
    testSize: test.cloud.rows,
    along: [],
    across: [],
    wHatNorm: [],
    teacherSign,
    angle: 0,
  };
  const rng = makeRng(`${seed}:fashion:${pair}:${n}`);
  for (let draw = 0; draw < FASHION_DRAWS; draw++) {
    if (cancelled()) return null;
    yield 'students';
    const pool = odd.slice();
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    // The n transfer images, then a Gaussian g as one more row (its part outside their span is q).
    const set = rowsOf(train.cloud, pool.slice(0, Math.min(n, pool.length)));
    // Theorem 1: the student trained on the teacher's soft labels converges to the projection ŵ.
    const { wHat, basis, angle } = distillationSolution(set, wStar);
    const g = Float64Array.from({ length: DIM }, () => rng.normal());
    for (const q of basis) {
      let c = 0;
      for (let j = 0; j < DIM; j++) c += q[j] * g[j];
      for (let j = 0; j < DIM; j++) g[j] -= c * q[j];
    }
    const ng = norm(g);
    for (let j = 0; j < DIM; j++) g[j] /= ng;
    const along = new Float64Array(test.cloud.rows);
    const across = new Float64Array(test.cloud.rows);
    for (let i = 0; i < test.cloud.rows; i++) {
      along[i] = dotRow(test.cloud, i, wHat);
      across[i] = dotRow(test.cloud, i, g);
    }
    model.along.push(along);
    model.across.push(across);
    model.wHatNorm.push(norm(wHat));
    model.angle += angle / FASHION_DRAWS;
  }
  return model;
}

/** Risk on the test images of w_δ = ŵ + δ‖ŵ‖q̂, over the draws: the disagreement with the teacher. */
export function fashionRisk(model: FashionModel, delta: number): SetSummary {
  const per = model.along.map((along, k) => {
    const across = model.across[k];
    const scale = delta * model.wHatNorm[k];
    let wrong = 0;
    for (let i = 0; i < along.length; i++) {
      const s = along[i] + scale * across[i] >= 0 ? 1 : -1;
      if (s !== model.teacherSign[i]) wrong++;
    }
    return wrong / along.length;
  });
  return summarize(per);
}
