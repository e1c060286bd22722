import { memo, useMemo } from 'react';
import {
  LineMark,
  Plot,
  TextMark,
  chrome,
  colors,
  layoutPlot,
  palette,
  toCsv,
  type Dash,
  type LegendEntry,
  useStageHeight,
} from '../../charts';
import { sci } from '../../ui/format';
import { fig } from './figures';
import type { OlsParams } from './params';
import {
  axisGrid,
  meanGradFSq,
  meanLossGradSq,
  sweep,
  type ScalableProblem,
  type Setting,
  type SweepAxis,
  type SweepPoint,
} from './math/regulariser';
import type { OlsResults } from './results';
import type { PanelModel } from './theory';

/** Eq. (16) against σ², η or B beside the panels, with what the page's chains measure at its settings. */

const axisLabel: Record<SweepAxis, string> = { sigma2: 'label-noise variance σ²', eta: 'η', batch: 'B' };

interface Curve {
  color: string;
  pts: SweepPoint[];
  gradF: number;
}
interface Dot {
  color: string;
  x: number;
  strength: number;
  /** from the chains' empirical mean and covariance; null before they ran or when they diverged */
  trace: number | null;
  lossGrad: number | null;
}

const colorOf = (models: PanelModel[], i: number) => (models.length > 1 ? palette[i] : colors.theory);

/**
 * Sweeps already computed, keyed by what they depend on (the data, the unit noise draws, the axis and
 * the two settings held fixed): dragging σ² with the σ² sweep shown (the default) changes none of
 * that (z is (y − y_clean)/σ, equal up to rounding: 10 digits), so the 41 exact solves are not redone on every move of the hand.
 */
const sweeps = new Map<string, SweepPoint[]>();
function cachedSweep(
  problem: ScalableProblem,
  axis: SweepAxis,
  setting: Setting,
  grid: number[],
): SweepPoint[] {
  const held = (['sigma2', 'eta', 'batch'] as const).filter((k) => k !== axis).map((k) => setting[k]);
  const key = [
    axis,
    held.join(),
    grid.join(),
    problem.X.flat().join(),
    problem.z.map((v) => v.toPrecision(10)).join(),
  ].join('|');
  let pts = sweeps.get(key);
  if (!pts) {
    pts = sweep(problem, axis, setting, grid);
    sweeps.set(key, pts);
    // a few settings back and forth (one per panel of a 2×2 grid, twice)
    if (sweeps.size > 8) sweeps.delete(sweeps.keys().next().value!);
  }
  return pts;
}

/** The exact curves: one per distinct problem (Fig. 1a–d share one along σ²: only σ² differs). */
function curvesOf(models: PanelModel[], p: OlsParams): Curve[] {
  const axis = p.sweep;
  const grid = axisGrid(axis, p.n);
  const curves: Curve[] = [];
  const seen = new Set<string>();
  models.forEach((m, i) => {
    const key = `${m.spec.cov.join()}|${axis === 'sigma2' ? '' : m.spec.sigma2}`;
    if (!('exact' in m.theory) || seen.has(key)) return;
    seen.add(key);
    const { X, y, yClean } = m.data;
    const sigma = Math.sqrt(m.spec.sigma2);
    const problem = { X, yClean, z: y.map((v, j) => (v - yClean[j]) / sigma) };
    const setting = { sigma2: m.spec.sigma2, eta: p.eta, batch: p.batch };
    curves.push({
      color: colorOf(models, i),
      pts: cachedSweep(problem, axis, setting, grid),
      gradF: meanGradFSq(X),
    });
  });
  return curves;
}

/** Each panel's setting, and what its chains measure there. */
function dotsOf(models: PanelModel[], results: OlsResults, p: OlsParams): Dot[] {
  const dots: Dot[] = [];
  models.forEach((m, i) => {
    if (!('exact' in m.theory)) return;
    const { X, y } = m.data;
    const setting = { sigma2: m.spec.sigma2, eta: p.eta, batch: p.batch };
    const color = colorOf(models, i);
    const r = results.panels[i];
    const live = r && r.empCov && r.empMean && r.chainStep > 0 && r.chainsDivergedAt === null;
    const [xx, yy, xy] = r?.empCov ?? [NaN, NaN, NaN];
    dots.push({
      color,
      x: setting[p.sweep],
      strength: ((p.eta * m.spec.sigma2) / p.batch) * meanGradFSq(X),
      trace: live ? xx + yy : null,
      lossGrad: live
        ? meanLossGradSq(X, y, r.empMean!, [
            [xx, xy],
            [xy, yy],
          ])
        : null,
    });
  });
  return dots;
}

/** Whole decades around the positive values (log axis). */
function decades(vs: number[]): [number, number] {
  const ok = vs.filter((v) => v > 0 && v < 1e300);
  if (!ok.length) return [1, 10];
  const lo = 10 ** Math.floor(Math.log10(Math.min(...ok)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...ok)));
  return lo < hi ? [lo, hi] : [lo, lo * 10];
}

interface LineSpec {
  id: string;
  x: number[];
  y: number[];
  color: string;
  dash?: Dash;
}
interface DotSpec {
  id: string;
  at: [number, number];
  color: string;
}

function SweepPlot(props: {
  title: string;
  yLabel: string;
  xLabel: string;
  width: number;
  lines: LineSpec[];
  dots: DotSpec[];
  legend: LegendEntry[];
  testId: string;
  figureId: string;
  params: OlsParams;
}) {
  const { lines, dots, width } = props;
  // 260 px on the page; presentation mode gives the figure its stage's shape
  const height = useStageHeight(props.figureId, width, 260);
  const layout = useMemo(() => {
    const xs = lines.flatMap((l) => l.x);
    const ys = [...lines.flatMap((l) => l.y), ...dots.map((d) => d.at[1])];
    return layoutPlot({
      width,
      height,
      x: { label: props.xLabel, kind: 'log', domain: [Math.min(...xs), Math.max(...xs)] },
      y: { label: props.yLabel, kind: 'log', domain: decades(ys) },
    });
  }, [lines, dots, width, height, props.xLabel, props.yLabel]);
  // The legend takes the corner the curves and the setting's dots leave free.
  const avoid = useMemo(() => {
    const px = (x: number, y: number): [number, number] =>
      y > 0 && Number.isFinite(y) ? [layout.x(x), layout.y(y)] : [NaN, NaN];
    return {
      lines: lines.map((l) => l.x.flatMap((x, i) => px(x, l.y[i]))),
      points: [],
      important: dots.map((d) => px(d.at[0], d.at[1])),
    };
  }, [layout, lines, dots]);
  const csv = (params: Record<string, unknown>) => {
    const cols: Record<string, number[]> = {};
    for (const l of lines) {
      cols[`${l.id}_x`] = l.x;
      cols[`${l.id}_y`] = l.y;
    }
    for (const d of dots) {
      cols[`${d.id}_x`] = [d.at[0]];
      cols[`${d.id}_y`] = [d.at[1]];
    }
    return toCsv(cols, params, []);
  };
  return (
    <Plot
      layout={layout}
      title={props.title}
      testId={props.testId}
      figureId={props.figureId}
      legend={props.legend}
      legendAvoid={avoid}
      exportName={`xiong-eq16-${props.testId}`}
      exportParams={props.params}
      csv={csv}
    >
      {lines.map((l) => (
        <LineMark key={l.id} id={l.id} x={l.x} y={l.y} color={l.color} dash={l.dash} width={2} />
      ))}
      {dots.map((d) => (
        <TextMark key={d.id} id={d.id} at={d.at} text="" color={d.color} glyph="circle" />
      ))}
    </Plot>
  );
}

/**
 * @param models the panels of `params` — the Panel's deferred ones: the sweep is redone when a drag settles
 * @param frame results mutate in place: the frame count (the panel's lagged copy) says when they changed
 */
export const RegulariserFigure = memo(function RegulariserFigure(props: {
  models: PanelModel[];
  results: OlsResults;
  params: OlsParams;
  width: number;
  frame: number;
}) {
  const { models, results, params: p, frame } = props;
  const axis = p.sweep;
  const curves = useMemo(() => curvesOf(models, p), [models, p]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const dots = useMemo(() => dotsOf(models, results, p), [models, results, p, frame]);
  // Three across when they fit at 300 px each, else wrapped.
  const w = Math.max(300, Math.floor((props.width - 24) / 3));
  const xs = (c: Curve) => c.pts.map((q) => q.x);
  const ink = curves.length > 1 ? chrome.text : colors.theory;
  const xLabel = axisLabel[axis];
  const measured = dots.filter((d) => d.trace !== null);
  const legend = (entries: [string, 'line' | 'point', Dash | undefined][]): LegendEntry[] =>
    entries.map(([label, kind, dash], i) => ({ id: `l${i}`, label, kind, dash, color: ink }));
  return (
    <section data-testid="eq16-figure">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <SweepPlot
          title="eq. (16) strength"
          yLabel="(ησ²/(BN)) Σᵢ‖∇β f(xᵢ)‖²"
          xLabel={xLabel}
          width={w}
          params={p}
          testId="eq16-strength"
          figureId={fig('eq16-strength')}
          lines={curves.map((c, i) => ({
            id: `strength${i}`,
            x: xs(c),
            y: c.pts.map((q) => q.strength),
            color: c.color,
          }))}
          dots={dots.map((d, i) => ({ id: `setting${i}`, at: [d.x, d.strength], color: d.color }))}
          legend={legend([
            ['eq. (16), exact', 'line', undefined],
            ['this page’s setting', 'point', undefined],
          ])}
        />
        <SweepPlot
          title="the spread it sets"
          yLabel="tr Cov(β)"
          xLabel={xLabel}
          width={w}
          params={p}
          testId="eq16-spread"
          figureId={fig('eq16-spread')}
          lines={curves.flatMap((c, i) => [
            { id: `traceExact${i}`, x: xs(c), y: c.pts.map((q) => q.traceExact), color: c.color },
            {
              id: `traceContinuous${i}`,
              x: xs(c),
              y: c.pts.map((q) => q.traceContinuous),
              color: c.color,
              dash: 'dotted' as const,
            },
          ])}
          dots={measured.map((d, i) => ({ id: `traceChains${i}`, at: [d.x, d.trace!], color: d.color }))}
          legend={legend([
            ['exact (float64)', 'line', undefined],
            ['continuous time d·ησ²/(2B)', 'line', 'dotted'],
            ['the chains', 'point', undefined],
          ])}
        />
        <SweepPlot
          title="gradient norms"
          yLabel="(1/N) Σᵢ ‖∇β ·‖²"
          xLabel={xLabel}
          width={w}
          params={p}
          testId="eq16-gradnorm"
          figureId={fig('eq16-gradient-norms')}
          lines={curves.flatMap((c, i) => [
            { id: `lossGrad${i}`, x: xs(c), y: c.pts.map((q) => q.lossGradSq), color: c.color },
            {
              id: `gradF${i}`,
              x: xs(c),
              y: c.pts.map(() => c.gradF),
              color: c.color,
              dash: 'dashed' as const,
            },
          ])}
          dots={measured.map((d, i) => ({
            id: `lossGradChains${i}`,
            at: [d.x, d.lossGrad!],
            color: d.color,
          }))}
          legend={legend([
            ['‖∇β ℓᵢ‖², exact', 'line', undefined],
            ['‖∇β f(xᵢ)‖² = ‖xᵢ‖²', 'line', 'dashed'],
            ['‖∇β ℓᵢ‖², the chains', 'point', undefined],
          ])}
        />
      </div>
      <p className="note" data-testid="eq16-note">
        For least squares ∇<sub>β</sub>f(x, β) = x does not depend on β, so eq. (16)’s strength is the same at
        every β and cannot steer SGD: it only sets how far the chains spread around β̂ (middle), and what grows
        with σ² is the loss gradient xᵢ(xᵢᵀβ − yᵢ) left at the spread-out β (right) — in a network ∇
        <sub>θ</sub>f depends on θ, and the same strength pushes SGD to where ‖∇<sub>θ</sub>f‖² is small (the
        noisy self-distillation page).
        {measured.length > 0 &&
          ` Chains here: tr Cov ${measured.map((d) => sci(d.trace)).join(', ')}; ‖∇ℓ‖² ${measured.map((d) => sci(d.lossGrad)).join(', ')}.`}
        {curves.length > 1 && ' Colours are the panels’.'}
        {curves.some((c) => c.pts.some((q) => !Number.isFinite(q.traceExact))) &&
          ' Where the exact curves stop, SGD diverges in mean square (ρ ≥ 1): there is no stationary spread.'}
      </p>
    </section>
  );
});
