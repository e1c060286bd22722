import { useMemo } from 'react';
import {
  CanvasPointsMark,
  LineChart,
  LineMark,
  Plot,
  colors,
  layoutPlot,
  useStageHeight,
  type LineSeries,
} from '../../charts';
import { sci } from '../../ui/format';
import { fig } from './figures';
import type { KdResults } from './results';

/** Theorem 1: the live student's trained outputs against f_∞ (points on the diagonal when it holds). */
export function FInfScatter({ results, width }: { results: KdResults; width: number }) {
  const { theory, done, students } = results;
  const liveIdx = results.setup?.runs.findIndex((r) => r.id === 'live') ?? -1;
  const out = done?.outputs ?? null;
  const height = useStageHeight(fig('theorem1-f-infinity'), width, 300);
  const layout = useMemo(() => {
    const vals = [...(theory?.fInf ?? [-1, 1]), ...(out ?? [])];
    const lo = Math.min(...vals);
    const hi = Math.max(...vals);
    const pad = 0.05 * (hi - lo || 1);
    const dom: [number, number] = [lo - pad, hi + pad];
    return layoutPlot({
      width,
      height,
      x: { label: 'Theorem 1: f_∞(x_i)', domain: dom },
      y: { label: 'student output f(x_i) after training', domain: dom },
    });
  }, [theory, out, width, height]);
  if (!theory) return <p className="muted">Theorem 1 appears once the teacher is trained.</p>;
  const xy = out ? out.flatMap((v, i) => [theory.fInf[i], v]) : [];
  const [a, b] = layout.x.domain();
  return (
    <div data-testid="kd-finf">
      <Plot
        layout={layout}
        figureId={fig('theorem1-f-infinity')}
        title={`Theorem 1: f against f_∞ (λ = ${sci(theory.lam)})`}
        testId="kd-finf-plot"
        legend={[
          { id: 'pts', label: 'training points', color: colors.student, kind: 'point' },
          { id: 'diag', label: 'f = f_∞', color: colors.theory, kind: 'line', dash: 'dashed' },
        ]}
        // The points sit on the diagonal's two ends: the legend must pick a corner off it.
        legendAvoid={{
          lines: [[layout.x(a), layout.y(a), layout.x(b), layout.y(b)]],
          points: [Array.from(xy, (v, i) => (i % 2 === 0 ? layout.x(v) : layout.y(v)))],
          important: [],
        }}
        canvas={
          <CanvasPointsMark layers={[{ xy, color: colors.student, kind: 'points', alpha: 0.9, size: 5 }]} />
        }
      >
        <LineMark id="diag" x={[a, b]} y={[a, b]} color={colors.theory} dash="dashed" width={1.25} />
      </Plot>
      <p data-testid="kd-finf-error">
        relative error ‖f − f_∞‖/‖f_∞‖ ={' '}
        <strong>
          {done
            ? sci(done.relErr)
            : liveIdx >= 0 && results.dist.length
              ? `${sci(results.dist.at(-1))} (training…)`
              : '—'}
        </strong>
        {students.length > 0 && !theory.theorem1Applies && (
          <span className="warning">
            {' '}
            — n &gt; d: each H_k has rank ≤ d,{' '}
            {Number.isFinite(theory.zeroPoles) ? `${theory.zeroPoles} poles are 0,` : ''} the student cannot
            move along those directions, and Theorem 1 is outside its assumptions: the prediction is expected
            to fail.
          </span>
        )}
      </p>
    </div>
  );
}

/** Theorem 3: all poles (eigenvalues of H̄) with the measured decay rate of ‖f − f_∞‖ over the tail. */
export function PolesFigure({ results, width }: { results: KdResults; width: number }) {
  const { theory, done, setup } = results;
  const live = setup?.runs.find((r) => r.id === 'live');
  const series = useMemo(() => {
    const s: LineSeries[] = [];
    if (!theory?.poles) return s;
    // rounding-level poles (≤ 1e-9 × the top) are zeros: counted in the note, not drawn
    const top = theory.poles[0] ?? 0;
    const pos = theory.poles.filter((p) => p > 1e-9 * top);
    const idx = pos.map((_, i) => i + 1);
    s.push({
      id: 'poles',
      label: 'nonzero poles p_j (eigenvalues of H̄)',
      x: idx,
      y: pos,
      color: colors.theory,
      width: 2,
    });
    s.push({
      id: 'slow',
      label: `slowest pole ${sci(theory.slowestPole)}`,
      x: [1, idx.length],
      y: [theory.slowestPole, theory.slowestPole],
      color: colors.reference,
      dash: 'dashed',
    });
    if (done && done.measuredRate > 0)
      s.push({
        id: 'meas',
        label: `measured tail rate ${sci(done.measuredRate)}`,
        x: [1, idx.length],
        y: [done.measuredRate, done.measuredRate],
        color: colors.measured,
        dash: 'dotted',
        width: 2.5,
      });
    return s;
  }, [theory, done]);
  if (!theory) return null;
  if (!theory.poles)
    return (
      <p className="muted">
        Theorem 3’s poles need an eigensolve of size n·m; it is computed up to n·m = 2000 (reduce n or m).
      </p>
    );
  return (
    <div>
      <LineChart
        figureId={fig('theorem3-poles')}
        title="Theorem 3: the poles against the measured convergence"
        series={series}
        width={width}
        height={280}
        xLabel="index j (descending)"
        yLabel="rate per unit t = η·iteration"
        yScale="log"
        testId="kd-poles"
      />
      <p className="muted">
        {theory.poles.length} poles in {theory.polesMs.toFixed(0)} ms; {theory.zeroPoles} are zero (rounding).
        {live && done && (
          <>
            {' '}
            Measured: ‖f − f_∞‖ decays at {sci(done.measuredRate)} per unit t over the second half of the run
            (η = {sci(live.eta)}); the slowest nonzero pole predicts {sci(theory.slowestPole)}. The measured
            rate is the slowest pole the outputs actually excite, so it lies at or above it when the kernel
            regime holds.
          </>
        )}
      </p>
    </div>
  );
}
