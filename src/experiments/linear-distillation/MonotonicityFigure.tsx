import { memo, useMemo } from 'react';
import {
  LineMark,
  Plot,
  TextMark,
  colors,
  layoutPlot,
  toCsv,
  useStageHeight,
  type LegendEntry,
} from '../../charts';
import { percent, sci } from '../../ui/format';
import { fig } from './figures';
import type { MonotonicityFrame, MonotonicityLearner } from './frames';
import type { LinearParams } from './params';
import { deltaColor, hardColor } from './RiskVsNFigure';
import { taskName } from './math/task';

const colorOf = (id: string) =>
  id === 'limit' ? colors.theory : id === 'soft' ? colors.student : id === 'hard' ? hardColor : deltaColor;
const shapeOf = (id: string) =>
  (id === 'limit' ? 'star' : id === 'hard' ? 'diamond' : 'circle') as 'star' | 'diamond' | 'circle';

/** 95 % intervals: a mean over sets (risk) and a proportion (the index). */
function intervals(l: MonotonicityLearner) {
  const r = (1.96 * l.risk.std) / Math.sqrt(l.sets);
  const m = 1.96 * Math.sqrt((l.monotonicity * (1 - l.monotonicity)) / l.sets);
  return { rLo: l.risk.mean - r, rHi: l.risk.mean + r, mLo: l.monotonicity - m, mHi: l.monotonicity + m };
}

/** Fig. 5: expected risk against the monotonicity index (34), one point per learner, with 95 % intervals. */
export const MonotonicityFigure = memo(function MonotonicityFigure({
  params,
  m,
  width,
}: {
  params: LinearParams;
  m: MonotonicityFrame | null;
  width: number;
}) {
  const learners = m?.learners ?? null;
  const height = useStageHeight(fig('monotonicity'), width, 380);
  const geom = useMemo(() => {
    const pos = (learners ?? []).filter((l) => l.risk.mean > 0);
    const lo = pos.length ? Math.min(...pos.map((l) => l.risk.mean)) / 3 : 1e-4;
    const hi = pos.length ? Math.max(...pos.map((l) => intervals(l).rHi)) * 2 : 1;
    const xLo = learners ? Math.max(0, Math.min(...learners.map((l) => intervals(l).mLo)) - 0.05) : 0.5;
    const layout = layoutPlot({
      width,
      height,
      x: { label: 'monotonicity index m(w), eq. (34)', domain: [xLo, 1.02] },
      y: { label: 'expected transfer risk', kind: 'log', domain: [lo, Math.min(hi, 1)] },
    });
    const legend: LegendEntry[] = [
      { id: 'limit', label: 'Theorem 1’s limit ŵ', color: colors.theory, kind: 'point' },
      { id: 'soft', label: 'GD distillation', color: colors.student, kind: 'point' },
      { id: 'hard', label: 'hard-label learner (same GD)', color: hardColor, kind: 'point' },
      { id: 'delta', label: 'w_δ, δ = 1/16 … 1 (left: larger δ)', color: deltaColor, kind: 'point' },
    ];
    // The legend keeps clear of every learner's point and bars.
    const px = (l: MonotonicityLearner): [number, number] => [
      layout.x(l.monotonicity),
      layout.y(l.risk.mean),
    ];
    const legendAvoid = {
      lines: (learners ?? []).flatMap((l) => {
        const c = intervals(l);
        return [
          [layout.x(c.mLo), layout.y(l.risk.mean), layout.x(c.mHi), layout.y(l.risk.mean)],
          [
            layout.x(l.monotonicity),
            layout.y(Math.max(c.rLo, lo)),
            layout.x(l.monotonicity),
            layout.y(c.rHi),
          ],
        ];
      }),
      points: [],
      important: (learners ?? []).map(px),
    };
    return { layout, legend, lo, legendAvoid };
  }, [learners, width, height]);
  const csv = useMemo(
    () => (p: Record<string, unknown>) =>
      toCsv(
        {
          risk: (learners ?? []).map((l) => l.risk.mean),
          risk_sd: (learners ?? []).map((l) => l.risk.std),
          monotonicity: (learners ?? []).map((l) => l.monotonicity),
        },
        p,
        (learners ?? []).map((l, i) => `row ${i}: ${l.label}`),
      ),
    [learners],
  );
  return (
    <section data-testid="fig5">
      <h3>
        Fig. 5: strong monotonicity — does one more transfer point bring the student closer to w*? (
        {taskName(params)}, d = {params.d}, n = {params.n})
      </h3>
      <Plot
        figureId={fig('monotonicity')}
        layout={geom.layout}
        legend={geom.legend}
        legendAvoid={geom.legendAvoid}
        title={
          learners
            ? `risk against monotonicity, ${m!.sets} transfer sets as one batched program (bars: 95 %)`
            : `training ${m?.sets ?? params.sets} × 4 students as one batched program: step ${m?.stepsDone ?? 0} of ${params.steps}…`
        }
        exportName="phuong-fig5-monotonicity"
        exportParams={params}
        csv={csv}
        testId="fig5-chart"
      >
        {(learners ?? []).map((l) => {
          const c = intervals(l);
          const color = colorOf(l.id);
          return (
            <g key={l.id} data-learner={l.id}>
              <LineMark
                id={`${l.id}-r`}
                x={[l.monotonicity, l.monotonicity]}
                y={[Math.max(c.rLo, geom.lo), c.rHi]}
                color={color}
                width={1.5}
              />
              <LineMark
                id={`${l.id}-m`}
                x={[c.mLo, c.mHi]}
                y={[l.risk.mean, l.risk.mean]}
                color={color}
                width={1.5}
              />
              <TextMark
                at={[l.monotonicity, l.risk.mean]}
                text={l.id.startsWith('delta') ? l.label.replace('w_δ, ', '') : ''}
                color={color}
                glyph={shapeOf(l.id)}
              />
            </g>
          );
        })}
      </Plot>
      {learners && (
        <table className="theory-table" data-testid="fig5-table">
          <thead>
            <tr>
              <th>learner</th>
              <th>expected risk</th>
              <th>monotonicity index</th>
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.id} data-testid={`fig5-row-${l.id}`}>
                <td>{l.label}</td>
                <td>
                  {sci(l.risk.mean)} ± {sci((1.96 * l.risk.std) / Math.sqrt(l.sets))}
                </td>
                <td>{percent(l.monotonicity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="note" data-testid="fig5-note">
        {learners
          ? `Per set: the learner on n points and on the same points plus one; the index is the share of sets where the extra point lowers the unsigned angle to w*. Theorem 1’s limit is strongly monotone (Lemma 1: index 1); gradient descent reached it within 1e-3 on ${percent(m!.converged)} of sets, the rest are ill-conditioned and still moving. w_δ adds δ‖ŵ‖q̂, q = (I − P_X)g with one Gaussian g per set for both sizes. ${sci(m!.setsPerSecond)} transfer sets/s on ${m!.backend} (4 students each, ${params.steps} steps).`
          : ''}
        {m && m.sets < params.sets
          ? ` Only ${m.sets} of the ${params.sets} sets fit the cost budget at this n.`
          : ''}
      </p>
    </section>
  );
});
