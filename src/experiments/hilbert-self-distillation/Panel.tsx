import { useEffect, useMemo, useState } from 'react';
import {
  BarChart,
  LineChart,
  TrajectoryChart,
  colors,
  palette,
  type BarGroup,
  type BarOverlay,
  type LineSeries,
  type PathLayer,
} from '../../charts';
import { Equation } from '../../ui/Equation';
import { sci } from '../../ui/format';
import { useElementWidth } from '../../ui/useElementWidth';
import { countRender } from '../../ui/renderCount';
import { prop5Bound } from './math/hilbertSelfDistillation';
import type { PanelProps } from '../types';
import { fig } from './figures';
import { greenCurve, grid, hilbertModel } from './model';
import type { HilbertParams } from './params';
import type { HilbertResults } from './results';
import { NnSection } from './NnSection';
import { HilbertSchematicView } from './Schematic';
import { SchematicDisclosure } from '../../ui/FlowDiagram';

const roundColor = (t: number) => palette[t % palette.length];
const interleave = (xs: readonly number[], ys: readonly number[]) => {
  const out = new Float64Array(2 * xs.length);
  xs.forEach((x, i) => {
    out[2 * i] = x;
    out[2 * i + 1] = ys[i];
  });
  return out;
};

/** Round scrubber with play: shows rounds 0 … r. */
function RoundScrubber({
  rounds,
  value,
  setParam,
}: {
  rounds: number;
  value: number;
  setParam: PanelProps<HilbertParams, HilbertResults>['setParam'];
}) {
  const [playing, setPlaying] = useState(false);
  const shown = Math.min(value, Math.max(rounds - 1, 0));
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const next = shown + 1;
      if (next >= rounds) setPlaying(false);
      else setParam('round', next);
    }, 700);
    return () => clearInterval(id);
  }, [playing, shown, rounds, setParam]);
  return (
    <div className="scrubber">
      <button
        type="button"
        onClick={() => {
          if (!playing && shown >= rounds - 1) setParam('round', 0);
          setPlaying(!playing);
        }}
        disabled={rounds <= 1}
      >
        {playing ? 'pause' : 'play rounds'}
      </button>
      <label>
        rounds shown: 0 … {shown}
        <input
          type="range"
          aria-label="round shown"
          min={0}
          max={Math.max(rounds - 1, 0)}
          step={1}
          value={shown}
          onChange={(e) => setParam('round', Number(e.target.value))}
        />
      </label>
    </div>
  );
}

/** The text above the figures: the same on every render (a slider press need not reconcile it). */
const intro = (
  <section className="explain">
    <p>
      Regularised regression{' '}
      <Equation tex="\min_f \int_0^1 f''(x)^2dx\ \text{ s.t. }\ \tfrac1K\sum_k (f(x_k)-y_k)^2\le\varepsilon" />
      , refitted each round to its own predictions. In the eigenbasis of the Gram matrix{' '}
      <Equation tex="G=V^\top DV" /> round t multiplies by <Equation tex="A_t=D(c_tI+D)^{-1}" />, so the
      solution is <Equation tex="f_t=g_x^\top V^\top B_tVy_0" /> with <Equation tex="B_t=\prod_{i\le t}A_i" />
      : small eigen-directions die first, and when <Equation tex="\|y_t\|^2/K\le\varepsilon" /> the solution
      collapses to 0.
    </p>
  </section>
);

export function HilbertPanel({ params, results, setParam }: PanelProps<HilbertParams, HilbertResults>) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  // The eigen-solve and the rounds depend on these params only: dragging the Green's-function marker
  // (greenT), the round scrubber or the bar scale must not redo them.
  const { epsilon, data, target, points, noise, endpoints, alpha, maxRounds, seed } = params;
  const model = useMemo(() => {
    countRender('HilbertExactSolve'); // e2e build only: the marker-drag test checks this does not grow
    return hilbertModel({ epsilon, data, target, points, noise, endpoints, alpha, maxRounds, seed });
  }, [epsilon, data, target, points, noise, endpoints, alpha, maxRounds, seed]);
  const green = useMemo(() => greenCurve(params.greenT), [params.greenT]);
  const greenT = params.greenT;
  const half = width > 760 ? Math.floor((width - 16) / 2) : width;
  // Fig. 2a depends on t alone: an ε press keeps the element, so React does not redraw it.
  const greenChart = useMemo(
    () => (
      <div>
        <LineChart
          figureId={fig('green-function')}
          title={`(a) Green's function g(x, t) at t = ${greenT.toFixed(2)}`}
          series={[{ id: 'g', label: 'g(·, t)', x: grid, y: green, color: colors.measured }]}
          width={half}
          height={260}
          xLabel="x"
          yLabel="g(x, t)"
          marker={{
            x: greenT,
            label: 't',
            onChange: (t) => setParam('greenT', Math.round(Math.min(Math.max(t, 0), 1) * 1000) / 1000),
          }}
          exportName="mobahi-fig2a-green"
          exportParams={{ t: greenT }}
          testId="green-chart"
        />
        <p className="note">Zero at x = 0 and x = 1 for every t: data there can never be fitted.</p>
      </div>
    ),
    [green, greenT, half, setParam],
  );
  const rounds = model.ok ? model.run.roundsBeforeCollapse : 0;
  const shown = Math.min(params.round, Math.max(rounds - 1, 0));

  const dataLayers: PathLayer[] = [];
  if (model.data.target)
    dataLayers.push({
      id: 'target',
      label: params.data === 'paper' ? 'sin 2πx (underlying)' : `${params.target} (underlying)`,
      xy: interleave(grid, grid.map(model.data.target)),
      color: '#999999',
      kind: 'path',
      alpha: 0.9,
    });
  if (model.ok)
    model.curves.slice(0, shown + 1).forEach((c, t) =>
      dataLayers.push({
        id: `fit-${t}`,
        // With many rounds only the first and the latest shown get a legend entry.
        label: shown < 8 || t === 0 || t === shown ? `f_${t} (round ${t})` : '',
        xy: interleave(grid, c),
        color: roundColor(t),
        kind: 'path',
        alpha: t === shown ? 1 : 0.55,
      }),
    );
  dataLayers.push({
    id: 'data',
    label: `data (K = ${model.data.x.length})`,
    xy: interleave(model.data.x, model.data.y),
    color: '#111111',
    kind: 'points',
    size: 7,
    alpha: 1,
  });

  // B_t bars and Prop. 5: the bound implies B_t[j] ≤ B_t[0] / bound(j, 0) for every smaller direction j.
  const groups: BarGroup[] = [];
  const overlays: BarOverlay[] = [];
  if (model.ok) {
    model.run.B.slice(0, shown + 1).forEach((b, t) => {
      groups.push({ id: `t${t}`, label: `t = ${t}`, values: b, color: roundColor(t) });
      if (params.alpha === 0)
        overlays.push({
          id: `prop5-${t}`,
          label: t === 0 ? 'Prop. 5 upper bound (from the top bar)' : '',
          group: t,
          values: b.map((_, j) =>
            j === 0 ? NaN : b[0] / prop5Bound(model.run, model.data.y, params.epsilon, j, 0, t),
          ),
          color: '#222222',
          shape: 'tick',
        });
    });
  }
  const msSeries: LineSeries[] = [];
  if (model.ok) {
    const ms = model.run.meanSquaredNorm;
    msSeries.push({
      id: 'ms',
      label: '‖y_t‖²/K',
      x: ms.map((_, t) => t),
      y: ms,
      color: colors.measured,
      term: 'y',
    });
    msSeries.push({
      id: 'eps',
      label: 'ε',
      x: [0, Math.max(ms.length - 1, 1)],
      y: [params.epsilon, params.epsilon],
      color: colors.reference,
      dash: 'dashed',
      term: 'eps',
    });
  }

  return (
    <div className="panel" ref={ref}>
      {intro}
      <div className="two-col">
        {greenChart}
        <TrajectoryChart
          figureId={fig('round-fits')}
          title="(b, c) data, underlying function and the fit of every round"
          layers={dataLayers}
          width={half}
          height={300}
          xLabel="x"
          yLabel="y"
          exportName="mobahi-fig2c-fits"
          exportParams={params}
          testId="fits-chart"
        />
      </div>
      <SchematicDisclosure
        title="rounds of self-distillation (Fig. 1), following the round scrubber"
        testId="hilbert-schematic-box"
      >
        <HilbertSchematicView
          model={model}
          round={params.round}
          epsilon={params.epsilon}
          alpha={params.alpha}
        />
      </SchematicDisclosure>
      {!model.ok ? (
        <div className="warn banner" role="alert" data-testid="infeasible">
          {model.infeasible ? (
            <>
              <strong>Infeasible.</strong> The Green&apos;s function is zero at x = 0 and x = 1, so the data
              there can never be fitted: their residual alone is{' '}
              <strong data-testid="infeasible-residual">{sci(model.infeasible.residual, 4)}</strong>, above ε
              = {params.epsilon}. The constrained problem has no solution before round 0. Raise ε above{' '}
              {sci(model.infeasible.residual, 4)} or turn the endpoints off.
            </>
          ) : (
            model.message
          )}
        </div>
      ) : (
        <>
          <RoundScrubber rounds={rounds} value={params.round} setParam={setParam} />
          <div className="two-col">
            <BarChart
              figureId={fig('b-diagonal')}
              title="(Fig. 3) diagonal of B_t, per round"
              groups={groups}
              overlays={overlays}
              width={half}
              height={320}
              xLabel="round t (bars: eigen-directions k = 1 … K)"
              yLabel="B_t[k, k]"
              yScale={params.barScale}
              barLabel={(g, k) => `round ${g}, direction ${k + 1}: d = ${sci(model.run.eigenvalues[k])}`}
              exportName="mobahi-fig3-bars"
              exportParams={params}
              testId="bars-chart"
            />
            <LineChart
              figureId={fig('collapse')}
              title={
                model.run.collapsed
                  ? `(d) ‖y_t‖²/K against ε: collapse at round ${rounds}`
                  : '(d) ‖y_t‖²/K per round against ε'
              }
              series={msSeries}
              width={half}
              height={320}
              xLabel="round t"
              xIntegerTicks
              yLabel="‖y_t‖²/K"
              yScale="log"
              exportName="mobahi-collapse"
              exportParams={params}
              testId="collapse-chart"
            />
          </div>
          <table className="theory-table" data-testid="hilbert-summary">
            <tbody>
              <tr>
                <th>rounds before collapse</th>
                <td data-testid="rounds-before-collapse">
                  {model.run.collapsed && rounds === 0
                    ? `0: ‖y₀‖²/K = ${sci(model.run.meanSquaredNorm[0])} ≤ ε already, so f = 0 satisfies the constraint at round 0`
                    : model.run.collapsed
                      ? `${rounds} (rounds 0–${rounds - 1}; round ${rounds} collapses to f = 0)`
                      : `${rounds} computed, no collapse${params.alpha > 0 ? ` (label mixing α = ${params.alpha})` : ' within the 200-round cap'}`}
                </td>
              </tr>
              <tr>
                <th>Prop. 4 guarantee t̲ = (‖y₀‖/√(Kε) − 1)/κ</th>
                <td data-testid="prop4">
                  {sci(model.run.guaranteedRounds)} rounds, with κ = d_max/d_min = {sci(model.run.kappa, 4)}.
                  The paper prints √K·ε where its own constraint gives √(K·ε); read literally it would say{' '}
                  {sci(model.run.guaranteedRoundsAsPrinted)}.
                </td>
              </tr>
              <tr>
                <th>why so weak</th>
                <td>
                  The bound divides by κ: with eigenvalues from {sci(model.run.eigenvalues[0])} down to{' '}
                  {sci(model.run.eigenvalues[model.run.K - 1])} it guarantees{' '}
                  {model.run.guaranteedRounds < 1
                    ? 'not even one round'
                    : `${Math.floor(model.run.guaranteedRounds)} round(s)`}
                  , while the run lasts {rounds}. It is a worst case over all label vectors of that norm.
                </td>
              </tr>
              <tr>
                <th>c_t per round</th>
                <td data-testid="c-values">{model.run.c.map((c) => sci(c, 4)).join(', ')}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
      <NnSection params={params} results={results} setParam={setParam} />
    </div>
  );
}
