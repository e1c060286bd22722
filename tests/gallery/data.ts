/** Deterministic data for the chart gallery, so screenshots are comparable between runs. */
import {
  colors,
  palette,
  type BarGroup,
  type BarOverlay,
  type EllipseOverlay,
  type LineSeries,
  type MarkerOverlay,
  type PathLayer,
} from '../../src/charts';

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number) {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export const N = 20_000;

export function lossCurves(seed: number): LineSeries[] {
  const g = gaussian(mulberry32(seed));
  const x = new Float64Array(N);
  const measured = new Float64Array(N);
  const reference = new Float64Array(N);
  const theory = new Float64Array(N);
  const holes = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const t = i + 1;
    x[i] = t;
    theory[i] = 0.02 + 2 * Math.exp(-t / 2500);
    reference[i] = theory[i] * (1 + 0.02 * g());
    measured[i] = theory[i] * Math.exp(0.35 * g()) + 0.01;
    // A series with NaN/Infinity gaps and a non-positive stretch (skipped on log axes).
    holes[i] = i % 4000 < 300 ? NaN : i > 15000 && i < 15500 ? -1 : 1.2 * Math.exp(-t / 6000) + 0.05;
  }
  holes[100] = Infinity;
  return [
    { id: 'measured', label: 'SGD, label noise', x, y: measured, color: colors.measured, width: 1 },
    { id: 'reference', label: 'SGD, clean labels', x, y: reference, color: colors.reference },
    { id: 'theory', label: 'theory', x, y: theory, color: colors.theory, dash: 'dashed', width: 1.5 },
    { id: 'gaps', label: 'with NaN gaps', x, y: holes, color: palette[2] },
  ];
}

export const ROT: [[number, number], [number, number]] = (() => {
  const th = 0.5;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const l1 = 1.5;
  const l2 = 0.15;
  return [
    [l1 * c * c + l2 * s * s, (l1 - l2) * c * s],
    [(l1 - l2) * c * s, l1 * s * s + l2 * c * c],
  ];
})();

/** Correlated Gaussian samples around (1, 0.5) with covariance ROT, interleaved x,y. */
export function cloudSamples(seed: number, n: number): Float64Array {
  const g = gaussian(mulberry32(seed));
  const cloud = new Float64Array(2 * n);
  // Cholesky of ROT for correlated samples.
  const a = Math.sqrt(ROT[0][0]);
  const b = ROT[0][1] / a;
  const c = Math.sqrt(ROT[1][1] - b * b);
  for (let i = 0; i < n; i++) {
    const u = g();
    const v = g();
    cloud[2 * i] = 1 + a * u;
    cloud[2 * i + 1] = 0.5 + b * u + c * v;
  }
  return cloud;
}

export function trajectoryLayers(seed: number): PathLayer[] {
  const g = gaussian(mulberry32(seed));
  const walk = new Float64Array(2 * 20_000);
  let px = -4;
  let py = 3;
  for (let i = 0; i < 20_000; i++) {
    // Mean-reverting walk towards (1, 0.5) so the path ends inside the cloud.
    px += 0.002 * (1 - px) + 0.03 * g();
    py += 0.002 * (0.5 - py) + 0.03 * g();
    walk[2 * i] = px;
    walk[2 * i + 1] = py;
  }
  return [
    {
      id: 'cloud',
      label: 'stationary samples (50k)',
      xy: cloudSamples(seed, 50_000),
      color: colors.sample,
      kind: 'points',
      alpha: 0.25,
      size: 1.5,
    },
    {
      id: 'walk',
      label: 'SGD path (20k steps)',
      xy: walk,
      color: colors.measured,
      kind: 'path',
      alpha: 0.85,
      size: 1,
    },
  ];
}

export const ELLIPSES: EllipseOverlay[] = [
  { id: 'sigma1', label: 'theory 1σ', center: [1, 0.5], cov: ROT, k: 1, color: colors.theory, dash: 'solid' },
  {
    id: 'sigma2',
    label: 'theory 2σ',
    center: [1, 0.5],
    cov: ROT,
    k: 2,
    color: colors.theory,
    dash: 'dashed',
  },
  {
    id: 'bad',
    label: 'non-PSD (must be skipped)',
    center: [0, 0],
    cov: [
      [1, 3],
      [3, 1],
    ],
    k: 1,
    color: 'red',
  },
];

export const MARKERS: MarkerOverlay[] = [
  { id: 'opt', label: 'β̂', at: [1, 0.5], color: colors.marker, shape: 'star' },
  { id: 'init', label: 'β₀ (init)', at: [-4, 3], color: colors.reference, shape: 'cross' },
];

/** B_t diagonal: 6 rounds × 9 eigen-directions, decaying geometrically in both, on a log axis. */
export const BT_GROUPS: BarGroup[] = Array.from({ length: 6 }, (_, t) => ({
  id: `t${t}`,
  label: `t = ${t}`,
  values: Float64Array.from({ length: 9 }, (_, k) =>
    // One exact zero (not drawable on a log axis) to show it is skipped.
    t === 5 && k === 8 ? 0 : Math.pow(0.62, k) * Math.pow(0.45, t),
  ),
  color: colors.measured,
}));
export const BT_OVERLAYS: BarOverlay[] = BT_GROUPS.map((g, t) => ({
  id: `bound${t}`,
  label: 'theoretical bound',
  group: t,
  values: Float64Array.from({ length: 9 }, (_, k) => (k === 0 && t === 0 ? NaN : 1.7 * g.values[k] || NaN)),
  color: colors.theory,
  shape: 'tick',
}));

/** Stress case: 13 rounds × 40 directions, linear axis, per-group colours, dot overlay, one NaN. */
export const DENSE_GROUPS: BarGroup[] = Array.from({ length: 13 }, (_, t) => ({
  id: `t${t}`,
  label: `t = ${t}`,
  values: Float64Array.from({ length: 40 }, (_, k) =>
    t === 3 && k === 5 ? NaN : Math.exp(-k / 9) * (1 - 0.06 * t) + 0.05,
  ),
}));
export const DENSE_OVERLAYS: BarOverlay[] = [
  {
    id: 'limit',
    label: 'limit (t → ∞)',
    group: 12,
    values: Float64Array.from({ length: 40 }, (_, k) => Math.exp(-k / 9) * 0.2 + 0.05),
    color: colors.marker,
    shape: 'dot',
  },
];

/** Accuracy over rounds of self-distillation, mean ± sd over 5 seeds, for the band mark. */
export function roundsWithBands(): LineSeries[] {
  const g = gaussian(mulberry32(11));
  const rounds = Array.from({ length: 11 }, (_, t) => t);
  const seeds = 5;
  const stats = (f: (t: number) => number, noise: number) => {
    const mean: number[] = [];
    const sd: number[] = [];
    for (const t of rounds) {
      const xs = Array.from({ length: seeds }, () => f(t) + noise * (1 + t / 5) * g());
      const m = xs.reduce((a, b) => a + b, 0) / seeds;
      mean.push(m);
      sd.push(Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (seeds - 1)));
    }
    return { mean, lo: mean.map((m, i) => m - sd[i]), hi: mean.map((m, i) => m + sd[i]) };
  };
  const train = stats((t) => 0.97 - 0.035 * t, 0.006);
  const test = stats((t) => 0.82 + 0.012 * t - 0.0022 * t * t, 0.008);
  return [
    {
      id: 'train',
      label: 'training accuracy (mean ± sd, 5 seeds)',
      x: rounds,
      y: train.mean,
      band: { lo: train.lo, hi: train.hi },
      color: colors.measured,
      width: 2,
    },
    {
      id: 'test',
      label: 'test accuracy',
      x: rounds,
      y: test.mean,
      band: { lo: test.lo, hi: test.hi },
      color: colors.selfDistillation,
      width: 2,
    },
  ];
}

/** Gram matrix of an RBF kernel on sorted points in two clusters: block structure to see. */
export function gramMatrix(n: number): number[][] {
  const rand = mulberry32(5);
  const pts = Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 2) + 0.6 * rand()).sort((a, b) => a - b);
  return pts.map((a) => pts.map((b) => Math.exp(-((a - b) ** 2))));
}

/** A signed matrix (finite-width NTK minus its limit) for the diverging scale. */
export function ntkDifference(n: number): number[][] {
  const g = gaussian(mulberry32(9));
  const noise = Array.from({ length: n }, () => Array.from({ length: n }, () => 0.15 * g()));
  return noise.map((row, i) =>
    row.map(
      (v, j) =>
        (v + noise[j][i]) / 2 + 0.4 * Math.cos((Math.PI * (i - j)) / n) * Math.exp(-Math.abs(i - j) / 4),
    ),
  );
}
