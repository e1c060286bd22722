import { memo, useDeferredValue, useMemo } from 'react';
import {
  LineChart,
  TrajectoryChart,
  colors,
  ellipseAxes,
  palette,
  type Cov2,
  type EllipseOverlay,
  type LineSeries,
  type MarkerOverlay,
  type PathLayer,
} from '../../charts';
import { Equation } from '../../ui/Equation';
import { sci } from '../../ui/format';
import { useElementWidth } from '../../ui/useElementWidth';
import type { PanelProps } from '../types';
import { fig } from './figures';
import { betaStar } from './problem';
import type { OlsParams } from './params';
import type { OlsResults } from './results';
import { RegulariserFigure } from './RegulariserFigure';
import { exactTrace, panelModels, type PanelModel } from './theory';

const cov2 = (c: number[][]): Cov2 => [
  [c[0][0], c[0][1]],
  [c[1][0], c[1][1]],
];
const ok = (m: PanelModel) => !('error' in m.theory && m.theory.error) && 'exact' in m.theory;

/** Half-width of the zoomed view: about 4 standard deviations of the widest panel, so panels share a scale. */
function zoomHalfWidth(models: PanelModel[]): number {
  let s = 0;
  for (const m of models) {
    if (!ok(m) || !('exact' in m.theory)) continue;
    // The major semi-axis of the 1σ ellipse: √λ_max of the covariance.
    const major = ellipseAxes(cov2(m.theory.exact.stationaryCov ?? m.theory.continuous))?.major ?? 0;
    s = Math.max(s, major, Math.sqrt(m.theory.continuous[0][0]));
  }
  return niceCeil(4 * (s || 0.05));
}

/**
 * Round up to 1, 1.5, 2, 3, 5 or 7 × 10^k. The zoom must not track σ² continuously: the picture would be
 * scale-invariant and the ellipse would not move while σ² is dragged. Snapped, it grows visibly.
 */
function niceCeil(v: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  const step = [1, 1.5, 2, 3, 5, 7, 10].find((m) => v <= m * p * (1 + 1e-12)) ?? 10;
  return step * p;
}

const Trajectory = memo(function Trajectory({
  model,
  r,
  params,
  width,
  index,
  half,
}: {
  model: PanelModel;
  r: OlsResults['panels'][number];
  /** results mutate in place: the frame count says when `r` changed */
  frame: number;
  params: OlsParams;
  width: number;
  index: number;
  half: number;
}) {
  const t = 'exact' in model.theory ? model.theory : null;
  const layers: PathLayer[] = [
    {
      id: 'noisy',
      label: 'SGD with label noise',
      xy: r.noisy,
      count: r.count,
      color: colors.measured,
      kind: 'path',
      alpha: 0.45,
    },
    {
      id: 'cloud',
      label: `chains (${r.chains.length / 2 < params.chains ? `${r.chains.length / 2} of ` : ''}${params.chains}), step ${r.chainStep}`,
      // A diverged cloud sits at ~1e6 and would squash the path to a dot; the panel says it diverged.
      xy: r.chainsDivergedAt === null ? r.chains : new Float32Array(0),
      color: colors.sample,
      kind: 'points',
      alpha: 0.35,
      size: 1.5,
    },
    {
      id: 'clean',
      label: 'SGD without label noise',
      xy: r.clean,
      count: r.count,
      color: colors.reference,
      kind: 'path',
      alpha: 0.9,
    },
  ];
  const ellipses: EllipseOverlay[] = [];
  const markers: MarkerOverlay[] = [
    { id: 'betaStar', label: 'β*', at: betaStar, color: colors.reference, shape: 'cross' },
  ];
  if (t) {
    const bh: [number, number] = [t.exact.betaHat[0], t.exact.betaHat[1]];
    markers.push({ id: 'betaHat', label: 'β̂', at: bh, color: colors.marker, shape: 'star' });
    if (t.exact.stationaryCov) {
      ellipses.push({
        id: 'exact-1',
        label: 'exact stationary 1σ / 2σ',
        center: bh,
        cov: cov2(t.exact.stationaryCov),
        k: 1,
        color: colors.theory,
        dash: 'solid',
        term: 'C',
      });
      ellipses.push({
        id: 'exact-2',
        label: '',
        center: bh,
        cov: cov2(t.exact.stationaryCov),
        k: 2,
        color: colors.theory,
        dash: 'solid',
        term: 'C',
      });
    }
    ellipses.push({
      id: 'ct-2',
      label: 'continuous-time 2σ (paper)',
      center: bh,
      cov: cov2(t.continuous),
      k: 2,
      color: palette[6],
      dash: 'dashed',
    });
    if (r.empCov && r.chainStep > 0 && r.chainsDivergedAt === null)
      ellipses.push({
        id: 'emp-2',
        label: 'chains, empirical 2σ',
        center: r.empMean!,
        cov: [
          [r.empCov[0], r.empCov[2]],
          [r.empCov[2], r.empCov[1]],
        ],
        k: 2,
        color: palette[2],
        dash: 'dotted',
      });
  }
  if (index > 0) {
    // One legend for the grid (on the first panel) keeps the other panels' data uncovered.
    layers.forEach((l) => (l.label = ''));
    ellipses.forEach((e) => (e.label = ''));
  }
  const zoom = params.view === 'zoom' && t?.exact.stationaryCov;
  const domain = zoom
    ? {
        x: [t!.exact.betaHat[0] - half, t!.exact.betaHat[0] + half] as [number, number],
        y: [t!.exact.betaHat[1] - half, t!.exact.betaHat[1] + half] as [number, number],
      }
    : undefined;
  const h = Math.round(Math.min(width * 0.82, 520));
  return (
    <div
      className="traj"
      data-testid={`ols-panel-${index}`}
      data-chain-step={r.chainStep}
      data-path-points={r.count}
      data-iter={r.iter}
    >
      <TrajectoryChart
        figureId={fig('sgd-paths')}
        title={model.spec.title}
        layers={layers}
        ellipses={ellipses}
        markers={markers}
        width={width}
        height={h}
        xLabel="β₁"
        yLabel="β₂"
        domain={domain}
        equalAspect
        exportName={`xiong-fig1-panel${index + 1}`}
        exportParams={{ ...params, panel: model.spec.title }}
        testId={`trajectory-${index}`}
      />
      {r.pathDivergedAt !== null && (
        <p className="warn">
          The SGD path left every bound at iteration {r.pathDivergedAt.toLocaleString()} and was stopped: it
          diverges.
        </p>
      )}
      {r.chainsDivergedAt !== null && (
        <p className="warn">The chains diverged by step {r.chainsDivergedAt}.</p>
      )}
    </div>
  );
});

const TheoryTable = memo(function TheoryTable({
  models,
  results,
}: {
  models: PanelModel[];
  results: OlsResults;
  /** results mutate in place: the frame count says when they changed */
  frame: number;
}) {
  return (
    <table className="theory-table" data-testid="ols-theory-table">
      <thead>
        <tr>
          <th>panel</th>
          <th>β̂</th>
          <th title="spectral radius of C ↦ E[(I−ηH_B)C(I−ηH_B)]">ρ (mean-square)</th>
          <th>exact Var β₁, Var β₂, Cov</th>
          <th>chains (empirical)</th>
          <th>emp / exact</th>
          <th>continuous-time ησ²/(2B)</th>
          <th title="(ησ²/(BN)) Σ‖∇f(xᵢ)‖², eq. (16)">implicit regulariser (16)</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m, i) => {
          const r = results.panels[i];
          if (!('exact' in m.theory))
            return (
              <tr key={i}>
                <td>{m.spec.title}</td>
                <td colSpan={7} className="warn">
                  {m.theory.error}
                </td>
              </tr>
            );
          const t = m.theory;
          const c = t.exact.stationaryCov;
          const e = r?.empCov;
          return (
            <tr key={i} data-testid={`theory-row-${i}`}>
              <td>{m.spec.title}</td>
              <td>
                ({sci(t.exact.betaHat[0], 4)}, {sci(t.exact.betaHat[1], 4)})
              </td>
              <td className={t.exact.meanSquareContraction >= 1 ? 'warn' : ''} data-testid={`rho-${i}`}>
                {sci(t.exact.meanSquareContraction, 4)}
                {t.exact.meanSquareContraction >= 1 ? ' ≥ 1: diverges' : ''}
              </td>
              <td data-testid={`exact-cov-${i}`} data-value={JSON.stringify(c)}>
                {c ? `${sci(c[0][0])}, ${sci(c[1][1])}, ${sci(c[0][1])}` : 'none (unstable)'}
              </td>
              <td data-testid={`emp-cov-${i}`} data-value={JSON.stringify(e)} data-step={r.chainStep}>
                {e && r.chainStep > 0 ? `${sci(e[0])}, ${sci(e[1])}, ${sci(e[2])}` : '…'}
              </td>
              <td>{c && e && r.chainStep > 0 ? `${sci(e[0] / c[0][0])}, ${sci(e[1] / c[1][1])}` : '…'}</td>
              <td>{sci(t.continuous[0][0])}</td>
              <td data-testid={`regulariser-${i}`}>{sci(t.regulariserStrength)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

/** The text above Fig. 1: it changes only with the number of chains. */
const Intro = memo(function Intro({ chains }: { chains: number }) {
  return (
    <section className="explain">
      <p>
        SGD on least squares <Equation tex="\min_\beta \tfrac1N\sum_i (x_i^\top\beta-y_i)^2" /> with labels{' '}
        <Equation tex="y_i=x_i^\top\beta^*+\varepsilon_i" />,{' '}
        <Equation tex="\varepsilon_i\sim\mathcal N(0,\sigma^2)" /> drawn once. With fixed noisy labels SGD
        settles around the least-squares solution <Equation tex="\hat\beta" />, not <Equation tex="\beta^*" />
        . Linearised around <Equation tex="\hat\beta" />, the iterates have the <strong>exact</strong>{' '}
        stationary covariance
      </p>
      <Equation
        display
        tex="C = \mathbb E_B\big[(I-\eta H_B)\,C\,(I-\eta H_B)\big] + \eta^2\,\mathbb E_B[b_B b_B^\top],\quad H_B=\tfrac1B\sum_{i\in B}x_ix_i^\top,\; b_B=\tfrac1B\sum_{i\in B}x_i r_i"
      />
      <p>
        drawn as solid 1σ/2σ ellipses; the paper&apos;s continuous-time picture{' '}
        <Equation tex="C\approx\frac{\eta\sigma^2}{2B}I" /> is dashed. The orange cloud is{' '}
        {chains.toLocaleString()} independent chains.
      </p>
    </section>
  );
});

/** The chains' spread against the exact transient: drawn from the lagged state (see OlsPanel). */
const SpreadFigure = memo(function SpreadFigure({
  params,
  results,
  exact,
  width,
}: {
  params: OlsParams;
  results: OlsResults;
  /** the exact transients' params, null until they are computed (after the first render) */
  exact: OlsParams | null;
  width: number;
  /** results mutate in place: the frame count says when they changed */
  frame: number;
}) {
  const models = panelModels(params);
  const exactModels = exact && panelModels(exact).length === models.length ? panelModels(exact) : null;
  const traces = useMemo(
    () => (exact && exactModels ? exactModels.map((m) => exactTrace(m, exact, exact.chainSteps)) : []),
    [exact, exactModels],
  );
  const series: LineSeries[] = [];
  models.forEach((m, i) => {
    const r = results.panels[i];
    const color = models.length > 1 ? palette[i] : colors.measured;
    const tag = models.length > 1 ? ` (${'abcdefgh'[i + (params.grid === 'fig1e-h' ? 4 : 0)]})` : '';
    if (r)
      series.push({
        id: `emp-${i}`,
        label: `chains, empirical${tag}`,
        x: r.traceSteps,
        y: r.traceValues,
        color,
      });
    const tr = traces[i];
    if (tr)
      series.push({
        id: `exact-${i}`,
        label: `exact transient${tag}`,
        x: tr.t,
        y: tr.trace,
        color,
        dash: 'dashed',
      });
    if ('exact' in m.theory && models.length === 1) {
      const ct = m.theory.continuous[0][0] * 2;
      series.push({
        id: 'ct',
        label: 'continuous-time (paper)',
        x: [1, params.chainSteps],
        y: [ct, ct],
        color: palette[6],
        dash: 'dotted',
      });
    }
  });
  return (
    <LineChart
      figureId={fig('chains-spread')}
      title="Spread of the chains, tr Cov(β_t), against chain step"
      series={series}
      width={width}
      height={300}
      xLabel="chain step t"
      yLabel="tr Cov(β_t)"
      yScale="log"
      xScale="log"
      exportName="xiong-chains-spread"
      exportParams={params}
      testId="spread-chart"
    />
  );
});

export function OlsPanel({ params, results }: PanelProps<OlsParams, OlsResults>) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const models = panelModels(params);
  // A press redraws Fig. 1 (the exact ellipses the lecturer drags) in the input's own frame; the spread
  // figure, the table and the text follow in the render after (React's deferred copies), so the press's
  // own work is Fig. 1's. Streamed frames render from a transition, where the copies are current.
  const lagParams = useDeferredValue(params);
  const lagResults = useDeferredValue(results);
  const lagFrame = useDeferredValue(results.frames);
  // The exact transients and the eq. (16) sweep follow a drag once it settles, and on opening they come
  // in the render after the first one (null at first): Fig. 1 is on screen ~0.1 s sooner.
  const deferred = useDeferredValue<OlsParams | null>(params, null);
  const deferredModels = deferred ? panelModels(deferred) : [];
  const half = zoomHalfWidth(models);
  const cols = models.length > 1 && width > 700 ? 2 : 1;
  const cellWidth = Math.floor((width - (cols - 1) * 16) / cols);
  const unstable = models.filter((m) => 'exact' in m.theory && m.theory.exact.meanSquareContraction >= 1);

  return (
    <div className="panel" ref={ref}>
      <Intro chains={lagParams.chains} />
      {unstable.length > 0 && (
        <p className="warn banner" role="alert" data-testid="diverge-warning">
          Mean-square contraction ρ ={' '}
          {sci(
            (unstable[0].theory as { exact: { meanSquareContraction: number } }).exact.meanSquareContraction,
            4,
          )}{' '}
          ≥ 1 at η = {params.eta}: SGD diverges in mean square — there is no stationary distribution. Lower η
          or raise B.
        </p>
      )}
      <div className="traj-grid" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }}>
        {models.map((m, i) => (
          <Trajectory
            key={i}
            model={m}
            r={results.panels[i]}
            frame={results.frames}
            params={params}
            width={cellWidth}
            index={i}
            half={half}
          />
        ))}
      </div>
      {deferred && deferredModels.length === models.length && (
        <RegulariserFigure
          models={deferredModels}
          results={lagResults}
          params={deferred}
          width={width}
          frame={lagFrame}
        />
      )}
      <SpreadFigure params={lagParams} results={lagResults} exact={deferred} width={width} frame={lagFrame} />
      <TheoryTable models={panelModels(lagParams)} results={lagResults} frame={lagFrame} />
      <p className="note">
        ρ &lt; 1 means SGD is stable in mean square. The exact covariance is anisotropic (compare Fig. 1g–h);
        the continuous-time picture is isotropic. The implicit-regulariser strength is eq. (16) with ∇
        <sub>β</sub>f(x,β) = x.
      </p>
    </div>
  );
}
