import { memo, useDeferredValue, useMemo } from 'react';
import { LineChart, TrajectoryChart, colors, palette, type PathLayer } from '../../charts';
import { sci } from '../../ui/format';
import { fig } from './figures';
import type { AngularTask } from './math/angularTasks';
import type { LinearParams } from './params';
import { figureTasks, GAUSS_RATIO, planeSamples, tailCurves } from './math/theoryCurves';

const SAMPLES = 1200;
const taskColor = { kappa: palette[0], margin: palette[2], gauss: palette[3] } as const;
const CLASS0 = palette[5];
const CLASS1 = palette[4];

/** A line through the origin along `dir`, long enough to cross the picture. */
const lineThrough = (dir: [number, number], r = 6) => {
  const n = Math.hypot(dir[0], dir[1]) || 1;
  return Float64Array.of((-r * dir[0]) / n, (-r * dir[1]) / n, (r * dir[0]) / n, (r * dir[1]) / n);
};

function Plane({
  task,
  title,
  seed,
  width,
  id,
  figureId,
}: {
  task: AngularTask;
  title: string;
  seed: number;
  width: number;
  id: string;
  figureId: string;
}) {
  // Sampled, not exact (~5 ms for three planes): a κ or margin press redraws p(θ) in its own frame and
  // the clouds in the render right after
  const later = useDeferredValue(task);
  const s = useMemo(() => planeSamples(later, SAMPLES, seed), [later, seed]);
  // No legend inside: it would cover the cloud. The key above the three planes names the marks.
  const layers = useMemo(
    (): PathLayer[] => [
      { id: 'neg', label: '', xy: s.neg, kind: 'points', color: CLASS0, size: 3, alpha: 0.45 },
      { id: 'pos', label: '', xy: s.pos, kind: 'points', color: CLASS1, size: 3, alpha: 0.45 },
      { id: 'boundary', label: '', xy: lineThrough([0, 1]), kind: 'path', color: colors.theory, size: 1.25 },
      {
        id: 'student-boundary',
        label: '',
        xy: lineThrough([-s.wHat[1], s.wHat[0]]),
        kind: 'path',
        color: colors.student,
        size: 1.5,
      },
      {
        id: 'wstar',
        label: '',
        xy: Float64Array.of(0, 0, 2.4, 0),
        kind: 'path',
        color: colors.theory,
        size: 3.5,
      },
      {
        id: 'what',
        label: '',
        xy: Float64Array.of(0, 0, 2.4 * s.wHat[0], 2.4 * s.wHat[1]),
        kind: 'path',
        color: colors.student,
        size: 3.5,
      },
      {
        id: 'x1',
        label: '',
        xy: Float64Array.of(...s.x1),
        kind: 'points',
        color: colors.marker,
        size: 10,
        alpha: 1,
      },
    ],
    [s],
  );
  return (
    <div>
      <TrajectoryChart
        figureId={figureId}
        title={title}
        layers={layers}
        width={width}
        height={Math.round(width * 0.92)}
        xLabel="along w*"
        yLabel="across w*"
        domain={{ x: [-3.2, 3.2], y: [-3.2, 3.2] }}
        equalAspect
        exportName={`phuong-fig2-${id}`}
        exportParams={{ seed, ...task }}
        testId={`plane-${id}`}
      />
      <p className="note" data-testid={`plane-${id}-risk`}>
        ŵ from x₁ is {sci((s.phi * 180) / Math.PI)}° from w*:{' '}
        {s.risk === 0
          ? 'risk 0 (within the margin: no point lies between the boundaries)'
          : `risk ${sci(s.risk)}`}
      </p>
    </div>
  );
}

/** The marks of the three planes, named once. */
function PlaneKey() {
  const swatch = (color: string, kind: 'dot' | 'line' | 'thick') => (
    <span
      style={{
        display: 'inline-block',
        width: kind === 'dot' ? 9 : 18,
        height: kind === 'dot' ? 9 : kind === 'thick' ? 4 : 2,
        borderRadius: kind === 'dot' ? 5 : 0,
        background: color,
        margin: '0 5px 2px 12px',
        verticalAlign: 'middle',
      }}
    />
  );
  return (
    <p className="note" data-testid="plane-key">
      {swatch(CLASS0, 'dot')}teacher’s class 0{swatch(CLASS1, 'dot')}class 1{swatch(colors.theory, 'thick')}w*
      {swatch(colors.theory, 'line')}its boundary{swatch(colors.marker, 'dot')}the one transfer point x₁
      {swatch(colors.student, 'thick')}ŵ (w* projected on x₁){swatch(colors.student, 'line')}the student’s
      boundary
    </p>
  );
}

/** Fig. 1–2: p(θ) of three kinds of task, and 2-D samples of each with w*, one transfer point and ŵ. */
export const TaskGeometryFigure = memo(function TaskGeometryFigure({
  params,
  width,
}: {
  params: LinearParams;
  width: number;
}) {
  const { kappa, margin, seed } = params;
  const tasks = useMemo(() => figureTasks({ kappa, margin }), [kappa, margin]);
  const curves = useMemo(() => tailCurves(tasks), [tasks]);
  const third =
    width > 900 ? Math.floor((width - 32) / 3) : width > 560 ? Math.floor((width - 16) / 2) : width;
  return (
    <section data-testid="fig12">
      <h3>Fig. 1–2: the data geometry p(θ) = P[ᾱ(w*, x) ≥ θ]</h3>
      <div className="two-col">
        <LineChart
          figureId={fig('p-theta')}
          title="(Fig. 1) p(θ)"
          series={[
            {
              id: 'kappa',
              label: `A: κ = ${kappa}`,
              x: curves.deg,
              y: curves.kappa,
              color: taskColor.kappa,
              width: 2,
            },
            {
              id: 'margin',
              label: `B: margin ${margin}°`,
              x: curves.deg,
              y: curves.margin,
              color: taskColor.margin,
              width: 2,
            },
            {
              id: 'gauss',
              label: `C: Gaussian ${GAUSS_RATIO}:1`,
              x: curves.deg,
              y: curves.gauss,
              color: taskColor.gauss,
              width: 2,
            },
          ]}
          width={third}
          height={Math.round(third * 0.85)}
          xLabel="θ (degrees)"
          yLabel="p(θ)"
          xDomain={[0, 90]}
          yDomain={[0, 1]}
          exportName="phuong-fig1-p-theta"
          exportParams={{ kappa, margin }}
          testId="p-theta-chart"
        />
        <div style={{ flex: '1 1 320px', maxWidth: width - third - 16 }}>
          <p className="note">
            Every point lies at an angle from the teacher’s weight vector w*; p(θ) is the share of points
            beyond θ. Task A draws the angle from p(θ) = (1 − 2θ/π)^κ, a uniform direction at that angle, and
            a normal scale; B does the same on [0°, 90° − margin], so no point lies within the margin of the
            boundary; C is a plain Gaussian spread along the boundary, whose p(θ) falls slowly (Fig. 1’s Task
            C).
          </p>
          <p className="note">
            Below, 2-D samples of each (drawn live from κ and the margin) and the student of a single transfer
            point: in the plane ŵ is the projection of w* on x₁ (two points would already give ŵ = w*), and
            its risk is the mass between the two boundaries, p(π/2 − φ)/2 for ŵ at angle φ.
          </p>
        </div>
      </div>
      <PlaneKey />
      <div className="two-col">
        <Plane
          task={tasks.kappa}
          title={`A: κ = ${kappa}`}
          seed={seed}
          width={third}
          id="kappa"
          figureId={fig('plane-kappa')}
        />
        <Plane
          task={tasks.margin}
          title={`B: margin ${margin}°`}
          seed={seed}
          width={third}
          id="margin"
          figureId={fig('plane-margin')}
        />
        <Plane
          task={tasks.gauss}
          title={`C: Gaussian ${GAUSS_RATIO}:1`}
          seed={seed}
          width={third}
          id="gauss"
          figureId={fig('plane-gaussian')}
        />
      </div>
    </section>
  );
});
