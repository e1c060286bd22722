import { memo, useMemo } from 'react';
import { LineChart, TrajectoryChart, colors, palette, type LineSeries, type PathLayer } from '../../charts';
import { sci } from '../../ui/format';
import { convergedBelow } from './verdict';
import { fig } from './figures';
import { outsideComponentPredicted } from './math/linearGradientDescent';
import type { LinearResults } from './results';
import type { TrajectorySample } from './frames';

const DEG = 180 / Math.PI;
const deepColor = palette[1];

/** d = 3: an oblique view (the third axis drawn at 30°, foreshortened by half). */
const view = (w: readonly number[]): [number, number] =>
  w.length >= 3
    ? [w[0] + 0.45 * w[2] * Math.cos(Math.PI / 6), w[1] + 0.45 * w[2] * Math.sin(Math.PI / 6)]
    : [w[0], w[1] ?? 0];

function pathOf(samples: readonly TrajectorySample[]): Float64Array {
  const out: number[] = [];
  for (const s of samples) if (s.w) out.push(...view(s.w));
  return Float64Array.from(out);
}

function Picture({ c, width }: { c: LinearResults['convergence']; width: number }) {
  const meta = c.meta!;
  const pic = meta.picture!;
  const layers = useMemo((): PathLayer[] => {
    const dim = pic.wHat.length;
    const axes: PathLayer[] = Array.from({ length: dim }, (_, k) => {
      const e = new Array(dim).fill(0);
      e[k] = 1.6;
      const m = e.map((v: number) => -v);
      return {
        id: `axis-${k}`,
        label: '',
        xy: Float64Array.of(...view(m), ...view(e)),
        kind: 'path',
        color: '#bbbbbb',
        size: 1,
      };
    });
    const scale = Math.max(...pic.points.map((p) => Math.hypot(...p)), 1e-9);
    const unitPts = pic.points.map((p) => p.map((v) => v / scale));
    // The data span: the line through each point (their span is the line or the plane they draw out).
    const spans: PathLayer[] =
      meta.n < meta.d
        ? unitPts.map((p, i) => ({
            id: `span-${i}`,
            label: i === 0 ? 'lines through the transfer points (their span)' : '',
            xy: Float64Array.of(...view(p.map((v) => -1.6 * v)), ...view(p.map((v) => 1.6 * v))),
            kind: 'path',
            color: colors.sample,
            size: 1,
          }))
        : [];
    return [
      ...axes,
      ...spans,
      {
        id: 'points',
        label: 'transfer points (scaled to norm 1)',
        xy: Float64Array.from(unitPts.flatMap((p) => view(p))),
        kind: 'points',
        color: colors.sample,
        size: 8,
        alpha: 1,
      },
      {
        id: 'wstar',
        label: 'w*',
        xy: Float64Array.of(0, 0, ...view([1, 0, 0].slice(0, dim))),
        kind: 'path',
        color: colors.theory,
        size: 3,
      },
      {
        id: 'shallow',
        label: 'w(t), N = 1 from 0',
        xy: pathOf(c.shallow),
        kind: 'path',
        color: colors.student,
        size: 2.5,
      },
      {
        id: 'deep',
        label: `w(t), N = ${meta.depth}`,
        xy: pathOf(c.deep),
        kind: 'path',
        color: deepColor,
        size: 2,
      },
      {
        id: 'what',
        label: 'ŵ (Theorem 1)',
        xy: Float64Array.of(...view(pic.wHat)),
        kind: 'points',
        color: colors.theory,
        size: 9,
        alpha: 1,
      },
    ];
  }, [c, meta, pic]);
  return (
    <TrajectoryChart
      figureId={fig('convergence-picture')}
      title={pic.wHat.length === 3 ? '(c) oblique 3-D view' : '(c) the runs in the plane'}
      layers={layers}
      width={width}
      height={Math.round(width * 0.8)}
      xLabel="w₁"
      yLabel="w₂"
      domain={{ x: [-1.3, 1.3], y: [-1.3, 1.3] }}
      equalAspect
      exportName="phuong-theorem1-picture"
      testId="convergence-picture"
    />
  );
}

/** The note under the figure: what the runs reached, in words that follow the numbers. */
function convergenceWords(
  meta: NonNullable<LinearResults['convergence']['meta']>,
  last: TrajectorySample | undefined,
  deep: TrajectorySample | undefined,
): string {
  if (!last) return '';
  const shallow =
    last.distance < convergedBelow // the claim line's verdict reads the same threshold
      ? `After ${last.step} steps of size 1/L the linear student is ${sci(last.distance)} (relative) from ŵ.`
      : `After ${last.step} steps of size 1/L the linear student is still ${sci(last.distance)} (relative) from ŵ: XᵀX is ill-conditioned here (points of small norm), and gradient descent is slow along those directions.`;
  let deepWords = '';
  if (deep) {
    const outside = deep.outside > 0.9 * deep.distance;
    deepWords = ` The depth-${meta.depth} student ends ${sci(deep.distance)} from ŵ${
      outside
        ? `, almost all of it outside the span (${sci(deep.outside)}), as eq. (66) predicts`
        : `; ${sci(deep.outside)} of it lies outside the span (eq. 66), the rest is still converging`
    }; ${
      Number.isFinite(meta.theorem2)
        ? `Theorem 2 bounds the limit by ${sci(meta.theorem2)}.`
        : 'Theorem 2 does not apply: it needs ‖w(0)‖ < ‖ŵ‖.'
    }`;
  }
  const cut = meta.truncated ? ' The step count was cut to bound the work at this n·d.' : '';
  return `${shallow}${deepWords}${cut} Computed in ${meta.dim} coordinates: the rest of R^d never moves (exact, not an approximation).`;
}

/** Theorems 1–2: the student's angle to w* and its distance to ŵ over gradient steps. */
export const ConvergenceFigure = memo(function ConvergenceFigure({
  c,
  width,
}: {
  c: LinearResults['convergence'];
  width: number;
}) {
  const meta = c.meta;
  const half = width > 760 ? Math.floor((width - 16) / 2) : width;
  const { angleSeries, distSeries } = useMemo(() => {
    const steps = (xs: readonly TrajectorySample[]) => xs.map((s) => s.step);
    // At step 0 the linear student is w = 0, which has no angle (and a log axis has no 0).
    const moved = (xs: readonly TrajectorySample[]) => xs.filter((s) => s.step > 0);
    const a: LineSeries[] = [
      {
        id: 'shallow',
        label: 'N = 1, from w = 0',
        x: steps(moved(c.shallow)),
        y: moved(c.shallow).map((s) => s.angle * DEG),
        color: colors.student,
        width: 2,
        term: 'w',
      },
    ];
    const dst: LineSeries[] = [
      {
        id: 'shallow',
        label: '‖w − ŵ‖/‖ŵ‖, N = 1',
        x: steps(c.shallow),
        y: c.shallow.map((s) => s.distance),
        color: colors.student,
        width: 2,
        term: 'w',
      },
    ];
    if (meta && meta.depth > 1) {
      const deep = c.deep;
      a.push({
        id: 'deep',
        label: `N = ${meta.depth}, balanced init ‖w(0)‖ = ${meta.init}`,
        x: steps(deep),
        y: deep.map((s) => s.angle * DEG),
        color: deepColor,
        width: 2,
      });
      dst.push(
        {
          id: 'deep',
          label: `‖w − ŵ‖/‖ŵ‖, N = ${meta.depth}`,
          x: steps(deep),
          y: deep.map((s) => s.distance),
          color: deepColor,
          width: 2,
        },
        {
          id: 'outside',
          label: `part outside the span, N = ${meta.depth}`,
          x: steps(deep),
          y: deep.map((s) => s.outside),
          color: palette[3],
          width: 1.5,
        },
        {
          id: 'eq66',
          label: 'eq. (66): ‖P⊥w(0)‖·(‖w‖/‖w(0)‖)^((N−1)/N)',
          x: steps(deep),
          y: deep.map((s) => outsideComponentPredicted(meta.depth, meta.outside0, meta.norm0, s.norm)),
          color: colors.theory,
          dash: 'dotted',
          width: 2,
        },
      );
      if (Number.isFinite(meta.theorem2)) {
        const top = Math.max(meta.steps.deep, meta.steps.shallow);
        dst.push({
          id: 'thm2',
          label: 'Theorem 2: limit of ‖w − ŵ‖/‖ŵ‖',
          x: [1, top],
          y: [meta.theorem2, meta.theorem2],
          color: colors.theory,
          dash: 'dashed',
          term: 'what',
        });
      }
    }
    if (meta) {
      const top = Math.max(meta.steps.deep, meta.steps.shallow);
      // Beneath the runs: the linear student sits on this line from its first steps.
      a.unshift({
        id: 'limit',
        label: `Theorem 1: α(ŵ, w*) = ${sci(meta.limitAngle * DEG)}°`,
        x: [1, top],
        y: [meta.limitAngle * DEG, meta.limitAngle * DEG],
        color: colors.theory,
        dash: 'dashed',
        term: 'what',
      });
    }
    return { angleSeries: a, distSeries: dst };
  }, [c, meta]);
  if (!meta) return <p className="muted">starting gradient descent…</p>;
  const last = c.shallow[c.shallow.length - 1];
  const lastDeep = c.deep[c.deep.length - 1];
  return (
    <section data-testid="convergence">
      <h3>
        Theorems 1–2: gradient descent on the soft labels converges to the projection of w* on the data span
        (d = {meta.d}, n = {meta.n})
      </h3>
      <div className="two-col">
        <LineChart
          figureId={fig('convergence-angle')}
          title="(a) angle α(w(t), w*) in degrees"
          series={angleSeries}
          width={half}
          height={300}
          xLabel="gradient step t"
          xScale="log"
          yLabel="angle (°)"
          exportName="phuong-theorem1-angle"
          testId="convergence-angle-chart"
        />
        <LineChart
          figureId={fig('convergence-distance')}
          title="(b) distance to ŵ, relative to ‖ŵ‖"
          series={distSeries}
          width={half}
          height={300}
          xLabel="gradient step t"
          xScale="log"
          yLabel="relative distance"
          yScale="log"
          exportName="phuong-theorem2-distance"
          testId="convergence-distance-chart"
        />
        {meta.picture && <Picture c={c} width={Math.min(half, 420)} />}
      </div>
      <p className="note" data-testid="convergence-note">
        {meta.n >= meta.d
          ? `n ≥ d: the points span R^d and ŵ = w* (angle 0). `
          : `n < d: ŵ is the projection of w* on the ${meta.rank}-dimensional span of the points, at ${sci(meta.limitAngle * DEG)}° from w*. `}
        {convergenceWords(meta, last, lastDeep)}
      </p>
    </section>
  );
});
