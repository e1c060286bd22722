/** Visual gallery of the chart kit, for checking by eye (and by screenshot). ?animate=1 re-renders every frame. */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BarChart, colors, LineChart, TrajectoryChart, type LineSeries } from '../../src/charts';
import {
  BT_GROUPS,
  BT_OVERLAYS,
  DENSE_GROUPS,
  DENSE_OVERLAYS,
  ELLIPSES,
  gramMatrix,
  lossCurves,
  MARKERS,
  N,
  ntkDifference,
  roundsWithBands,
  trajectoryLayers,
} from './data';
import { HeatmapFigure, HistogramFigure } from './figures';

const PARAMS = { lr: 0.05, labelNoise: 0.3, seed: 7, steps: N };
const animate = new URLSearchParams(location.search).has('animate');
// Animate mode cycles through pre-generated data so frame times measure the charts, not the generator.
const CURVES = animate ? [1, 2, 3, 4].map(lossCurves) : [lossCurves(1)];
const LAYERS = animate ? [2, 3, 4, 5].map(trajectoryLayers) : [trajectoryLayers(2)];
const BANDS = roundsWithBands();
const GRAM = gramMatrix(24);
const NTK_DIFF = ntkDifference(16);

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
        <LineChart
          title="Accuracy per round: mean ± sd as bands"
          series={BANDS}
          width={620}
          height={340}
          xLabel="round t"
          yLabel="accuracy"
          xIntegerTicks
          exportName="gallery-bands"
          exportParams={{ seeds: 5 }}
          testId="line-bands"
        />
      </div>
      <div className="card">
        <HistogramFigure width={620} height={340} />
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
        <HeatmapFigure
          rows={GRAM}
          scheme="sequential"
          title="Gram matrix K(xᵢ, xⱼ), two clusters"
          scaleLabel="K"
          width={580}
          height={520}
          testId="heatmap-gram"
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
          legend={[{ label: '[B_t]_kk (measured)', color: colors.measured }]}
          exportName="gallery-bt-bars"
          exportParams={{ rounds: 6, K: 9, decay: 0.62 }}
          testId="bars-log"
        />
      </div>
      <div className="card">
        <HeatmapFigure
          rows={NTK_DIFF}
          scheme="diverging"
          title="H_k − H∞ (diverging scale)"
          scaleLabel="ΔH"
          width={460}
          height={400}
          testId="heatmap-ntk"
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
