/** Visual gallery of the chart kit, for checking by eye (and by screenshot). ?animate=1 re-renders every frame. */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  BarChart,
  colors,
  LineChart,
  palette,
  TrajectoryChart,
  type BarGroup,
  type BarOverlay,
  type EllipseOverlay,
  type LineSeries,
  type MarkerOverlay,
  type PathLayer,
} from '../../src/charts';

/** Deterministic PRNG so screenshots are comparable between runs. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number) {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const N = 20_000;

function lossCurves(seed: number): LineSeries[] {
  const g = gaussian(mulberry32(seed));
  const x = new Float64Array(N);
  const noisy = new Float64Array(N);
  const clean = new Float64Array(N);
  const theory = new Float64Array(N);
  const holes = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const t = i + 1;
    x[i] = t;
    theory[i] = 0.02 + 2 * Math.exp(-t / 2500);
    clean[i] = theory[i] * (1 + 0.02 * g());
    noisy[i] = theory[i] * Math.exp(0.35 * g()) + 0.01;
    // A series with NaN/Infinity gaps and a non-positive stretch (skipped on log axes).
    holes[i] = i % 4000 < 300 ? NaN : i > 15000 && i < 15500 ? -1 : 1.2 * Math.exp(-t / 6000) + 0.05;
  }
  holes[100] = Infinity;
  return [
    { id: 'noisy', label: 'SGD, label noise', x, y: noisy, color: colors.noisy, width: 1 },
    { id: 'clean', label: 'SGD, clean labels', x, y: clean, color: colors.clean },
    { id: 'theory', label: 'theory', x, y: theory, color: colors.theory, dash: 'dashed', width: 1.5 },
    { id: 'gaps', label: 'with NaN gaps', x, y: holes, color: palette[2] },
  ];
}

const ROT: [[number, number], [number, number]] = (() => {
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

function trajectoryLayers(seed: number): PathLayer[] {
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
  const cloud = new Float64Array(2 * 50_000);
  // Cholesky of ROT for correlated samples.
  const a = Math.sqrt(ROT[0][0]);
  const b = ROT[0][1] / a;
  const c = Math.sqrt(ROT[1][1] - b * b);
  for (let i = 0; i < 50_000; i++) {
    const u = g();
    const v = g();
    cloud[2 * i] = 1 + a * u;
    cloud[2 * i + 1] = 0.5 + b * u + c * v;
  }
  return [
    {
      id: 'cloud',
      label: 'stationary samples (50k)',
      xy: cloud,
      color: colors.cloud,
      kind: 'points',
      alpha: 0.25,
      size: 1.5,
    },
    {
      id: 'walk',
      label: 'SGD path (20k steps)',
      xy: walk,
      color: colors.noisy,
      kind: 'path',
      alpha: 0.85,
      size: 1,
    },
  ];
}

const ELLIPSES: EllipseOverlay[] = [
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

const MARKERS: MarkerOverlay[] = [
  { id: 'opt', label: 'β*', at: [1, 0.5], color: colors.marker, shape: 'star' },
  { id: 'init', label: 'β₀ (init)', at: [-4, 3], color: colors.clean, shape: 'cross' },
];

const PARAMS = { lr: 0.05, labelNoise: 0.3, seed: 7, steps: N };
const animate = new URLSearchParams(location.search).has('animate');
// Animate mode cycles through pre-generated data so frame times measure the charts, not the generator.
const CURVES = animate ? [1, 2, 3, 4].map(lossCurves) : [lossCurves(1)];
const LAYERS = animate ? [2, 3, 4, 5].map(trajectoryLayers) : [trajectoryLayers(2)];

/** B_t diagonal: 6 rounds × 9 eigen-directions, decaying geometrically in both, on a log axis. */
const BT_ROUNDS = 6;
const BT_K = 9;
const BT_GROUPS: BarGroup[] = Array.from({ length: BT_ROUNDS }, (_, t) => ({
  id: `t${t}`,
  label: `t = ${t}`,
  values: Float64Array.from({ length: BT_K }, (_, k) =>
    // One exact zero (not drawable on a log axis) to show it is skipped.
    t === 5 && k === 8 ? 0 : Math.pow(0.62, k) * Math.pow(0.45, t),
  ),
  color: palette[0],
}));
const BT_OVERLAYS: BarOverlay[] = BT_GROUPS.map((g, t) => ({
  id: `bound${t}`,
  label: 'theoretical bound',
  group: t,
  values: Float64Array.from({ length: BT_K }, (_, k) =>
    k === 0 && t === 0 ? NaN : 1.7 * g.values[k] || NaN,
  ),
  color: colors.theory,
  shape: 'tick',
}));
const BT_PARAMS = { rounds: BT_ROUNDS, K: BT_K, decay: 0.62 };

/** Stress case: 13 rounds × 40 directions, linear axis, per-group colours, dot overlay, one NaN. */
const DENSE_GROUPS: BarGroup[] = Array.from({ length: 13 }, (_, t) => ({
  id: `t${t}`,
  label: `t = ${t}`,
  values: Float64Array.from({ length: 40 }, (_, k) =>
    t === 3 && k === 5 ? NaN : Math.exp(-k / 9) * (1 - 0.06 * t) + 0.05,
  ),
}));
const DENSE_OVERLAYS: BarOverlay[] = [
  {
    id: 'limit',
    label: 'limit (t → ∞)',
    group: 12,
    values: Float64Array.from({ length: 40 }, (_, k) => Math.exp(-k / 9) * 0.2 + 0.05),
    color: colors.marker,
    shape: 'dot',
  },
];

declare global {
  interface Window {
    __frameTimes?: number[];
    __markerChanges?: number[];
  }
}

function MarkerDemo({ curves }: { curves: LineSeries[] }) {
  const [t, setT] = useState(6000);
  return (
    <LineChart
      title="Early stopping: drag the marker"
      series={curves.slice(0, 3)}
      width={620}
      height={340}
      xLabel="iteration t"
      yLabel="loss"
      yScale="log"
      exportName="gallery-marker"
      exportParams={{ ...PARAMS, stopAt: t }}
      testId="line-marker"
      marker={{
        x: t,
        label: 'stop',
        onChange: (v) => {
          (window.__markerChanges ??= []).push(v);
          setT(Math.round(v));
        },
      }}
    />
  );
}

function Gallery() {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!animate) return;
    window.__frameTimes = [];
    let raf = 0;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.__frameTimes?.push(now - last);
      last = now;
      setFrame((f) => f + 1);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, []);
  // Every frame gets new array identities, as a running experiment would deliver them.
  const curves = CURVES[frame % CURVES.length];
  const layers = LAYERS[frame % LAYERS.length];
  return (
    <div className="grid">
      <div className="card">
        <LineChart
          title="Training loss (linear axes)"
          series={curves}
          width={620}
          height={340}
          xLabel="iteration t"
          yLabel="loss"
          exportName="gallery-loss-linear"
          exportParams={PARAMS}
          testId="line-linear"
        />
      </div>
      <div className="card">
        <LineChart
          title="Training loss (log–log)"
          series={curves}
          width={620}
          height={340}
          xLabel="iteration t"
          yLabel="loss"
          xScale="log"
          yScale="log"
          exportName="gallery-loss-log"
          exportParams={PARAMS}
          testId="line-log"
        />
      </div>
      <div className="card">
        <TrajectoryChart
          title="Label-noise SGD in parameter space"
          layers={layers}
          ellipses={ELLIPSES}
          markers={MARKERS}
          width={620}
          height={520}
          xLabel="β₁"
          yLabel="β₂"
          equalAspect
          exportName="gallery-trajectory"
          exportParams={PARAMS}
          testId="trajectory"
        />
      </div>
      <div className="card">
        <BarChart
          title="Diagonal of B_t per round (log scale)"
          groups={BT_GROUPS}
          overlays={BT_OVERLAYS}
          width={620}
          height={340}
          xLabel="round t (bars: eigen-direction k = 1…9)"
          yLabel="[B_t]_kk"
          yScale="log"
          barLabel={(_t, k) => `k = ${k + 1}`}
          legend={[{ label: '[B_t]_kk (measured)', color: palette[0] }]}
          exportName="gallery-bt-bars"
          exportParams={BT_PARAMS}
          testId="bars-log"
        />
      </div>
      <div className="card">
        <MarkerDemo curves={curves} />
      </div>
      <div className="card">
        <BarChart
          title="13 rounds × 40 directions (linear)"
          groups={DENSE_GROUPS}
          overlays={DENSE_OVERLAYS}
          width={620}
          height={300}
          xLabel="round t"
          yLabel="[B_t]_kk"
          barLabel={(_t, k) => `k = ${k + 1}`}
          exportName="gallery-bt-dense"
          testId="bars-dense"
        />
      </div>
      <div className="card">
        <LineChart
          title="A narrow chart with a very long title that must not run under the buttons"
          series={curves.slice(1, 3)}
          width={360}
          height={260}
          xLabel="iteration t"
          yLabel="loss"
          yScale="log"
          yDomain={[0.01, 3]}
          exportName="gallery-narrow"
          testId="line-narrow"
        />
      </div>
      <div className="card">
        <LineChart
          title="Empty and constant series"
          series={[
            { id: 'empty', label: 'empty', x: [], y: [] },
            { id: 'const', label: 'constant 0.7', x: [0, 1, 2, 3], y: [0.7, 0.7, 0.7, 0.7] },
          ]}
          width={360}
          height={260}
          xLabel="x"
          yLabel="y"
          testId="line-degenerate"
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Gallery />
  </StrictMode>,
);
