import seedrandom from 'seedrandom';
import type { FashionSubset } from '../../data/fashionMnist';
import { gaussian } from '../../math/rng';

/**
 * Data of the NTK self-distillation experiment (Dong et al., Sec. 3.3 and Table 1). Pure: no tfjs, no
 * DOM, so the worker (which trains) and the main thread (which computes the infinite-width NTK and its
 * eigenvectors in float64) build exactly the same arrays from the same parameters and seed.
 */

type Rng = () => number;

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm > 0 ? v.map((x) => x / norm) : v;
}

/** A uniform random point of the ball of radius r in R^d: Gaussian direction, radius r·U^(1/d). */
function inBall(rng: Rng, d: number, r: number): number[] {
  const dir = unit(Array.from({ length: d }, () => gaussian(rng)));
  const rad = r * Math.pow(rng(), 1 / d);
  return dir.map((x) => x * rad);
}

export interface ClusterParams {
  /** number of training points */
  n: number;
  /** input dimension */
  d: number;
  /** number of clusters K (≥ 2, so both labels occur) */
  clusters: number;
  /** ε: the perturbation added to a centre has norm ≤ radius (before renormalisation) */
  radius: number;
  /** ρ: each observed label is flipped independently with this probability */
  rho: number;
  seed: number;
}

/** Definition 1's (ε, ρ)-clusterable training set. */
export interface ClusterSet {
  /** n unit-norm rows of length d */
  X: number[][];
  /** the observed labels ±1 (the clean label flipped with probability ρ) */
  y: number[];
  /** the ground-truth labels ±1 (the label of the point's cluster) */
  yClean: number[];
  /** y[i] !== yClean[i] */
  flipped: boolean[];
  /** the cluster of each point: point i belongs to cluster i mod K */
  cluster: number[];
  /** K unit-norm centres */
  centres: number[][];
  /** the true label of each cluster: +1, −1, +1, … */
  clusterLabels: number[];
  radius: number;
}

/** Centre + a uniform perturbation of norm ≤ radius, renormalised to the unit sphere. */
function clusterPoint(rng: Rng, centre: number[], radius: number): number[] {
  const delta = inBall(rng, centre.length, radius);
  const x = centre.map((c, a) => c + delta[a]);
  const norm = Math.hypot(...x);
  // Only when radius ≥ 1 can the perturbation cancel the centre; fall back to the centre itself.
  return norm > 1e-12 ? x.map((v) => v / norm) : [...centre];
}

/**
 * Definition 1 (Li et al. 2019): K centres uniform on the unit sphere of R^d; n points, balanced
 * (point i in cluster i mod K, so clusters get ⌊n/K⌋ or ⌈n/K⌉ points); each point is its centre plus a
 * perturbation drawn uniformly from the ball of radius `radius`, renormalised to unit norm; cluster l has
 * true label +1 for even l and −1 for odd l; each observed label is flipped independently with
 * probability ρ. Reproducible: seedrandom's alea, seeded by `seed`.
 */
export function clusterData(p: ClusterParams): ClusterSet {
  const { n, d, clusters: K, radius, rho, seed } = p;
  if (!(K >= 2 && K <= n)) throw new Error(`clusterData: need 2 ≤ clusters ≤ n (got ${K}, n = ${n})`);
  if (!(rho >= 0 && rho < 0.5)) throw new Error(`clusterData: rho must lie in [0, 0.5) (got ${rho})`);
  const rng = seedrandom.alea(`ntk-clusters:${seed}`);
  const centres = Array.from({ length: K }, () => unit(Array.from({ length: d }, () => gaussian(rng))));
  const clusterLabels = centres.map((_, l) => (l % 2 === 0 ? 1 : -1));
  const X: number[][] = [];
  const y: number[] = [];
  const yClean: number[] = [];
  const flipped: boolean[] = [];
  const cluster: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = i % K;
    X.push(clusterPoint(rng, centres[l], radius));
    const flip = rng() < rho;
    cluster.push(l);
    yClean.push(clusterLabels[l]);
    flipped.push(flip);
    y.push(flip ? -clusterLabels[l] : clusterLabels[l]);
  }
  return { X, y, yClean, flipped, cluster, centres, clusterLabels, radius };
}

/**
 * A test split of the same clusters: `nTest` fresh points (point i in cluster i mod K) around the same
 * centres with the same radius, with their CLEAN labels. Its own random stream, so it does not change the
 * training set.
 */
export function clusterTest(
  set: Pick<ClusterSet, 'centres' | 'clusterLabels' | 'radius'>,
  nTest: number,
  seed: number,
): { X: number[][]; y: number[]; cluster: number[] } {
  const rng = seedrandom.alea(`ntk-clusters-test:${seed}`);
  const K = set.centres.length;
  const X: number[][] = [];
  const y: number[] = [];
  const cluster: number[] = [];
  for (let i = 0; i < nTest; i++) {
    const l = i % K;
    X.push(clusterPoint(rng, set.centres[l], set.radius));
    y.push(set.clusterLabels[l]);
    cluster.push(l);
  }
  return { X, y, cluster };
}

export interface FashionNoisyOptions {
  /** the first trainSize training images (class balanced: the subset's prefixes are) */
  trainSize: number;
  /** the first testSize test images */
  testSize: number;
  /** symmetric label noise: probability that a training label is replaced by another class */
  p: number;
  seed: number;
}

export interface FashionNoisy {
  /** trainSize unit-norm rows of 784 pixels */
  X: number[][];
  /** one-hot observed (noisy) labels, trainSize × C */
  Y: number[][];
  /** the observed class of each training image */
  yClass: number[];
  /** the true class of each training image */
  yCleanClass: number[];
  /** yClass[i] !== yCleanClass[i] */
  flipped: boolean[];
  /** testSize unit-norm rows */
  testX: number[][];
  /** the true class of each test image */
  testClass: number[];
  /** class names, index = class */
  classes: string[];
  /** number of classes C (10) */
  C: number;
}

function unitRows(x: Float32Array, count: number, dim: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) {
    const r = Array.from(x.subarray(i * dim, (i + 1) * dim));
    let s = 0;
    for (const v of r) s += v * v;
    const norm = Math.sqrt(s);
    if (!(norm > 0)) throw new Error(`fashionNoisy: image ${i} is blank and cannot be normalised`);
    rows.push(r.map((v) => v / norm));
  }
  return rows;
}

/**
 * Fashion-MNIST with symmetric label noise (the paper's Table 1): images flattened to unit-norm rows
 * (the model assumes unit-norm inputs), and each training label, with probability p, replaced by a class
 * drawn uniformly from the OTHER C − 1 classes. Test labels stay clean.
 */
export function fashionNoisy(subset: FashionSubset, o: FashionNoisyOptions): FashionNoisy {
  const { trainSize, testSize, p, seed } = o;
  const C = subset.classes.length;
  const dim = subset.trainX.length / subset.trainY.length;
  if (trainSize > subset.trainY.length || testSize > subset.testY.length)
    throw new Error(
      `fashionNoisy: the data set has ${subset.trainY.length} training and ${subset.testY.length} test images`,
    );
  if (!(p >= 0 && p <= 1)) throw new Error(`fashionNoisy: p must lie in [0, 1] (got ${p})`);
  const rng = seedrandom.alea(`ntk-fashion-noise:${seed}`);
  const yCleanClass = Array.from(subset.trainY.subarray(0, trainSize));
  const flipped: boolean[] = [];
  const yClass = yCleanClass.map((c) => {
    const flip = rng() < p;
    // Uniform over the other classes: draw from C − 1 and skip the true class.
    const other = Math.min(C - 2, Math.floor(rng() * (C - 1)));
    flipped.push(flip);
    return flip ? (other >= c ? other + 1 : other) : c;
  });
  const Y = yClass.map((c) => Array.from({ length: C }, (_, j) => (j === c ? 1 : 0)));
  return {
    X: unitRows(subset.trainX, trainSize, dim),
    Y,
    yClass,
    yCleanClass,
    flipped,
    testX: unitRows(subset.testX, testSize, dim),
    testClass: Array.from(subset.testY.subarray(0, testSize)),
    classes: [...subset.classes],
    C,
  };
}
