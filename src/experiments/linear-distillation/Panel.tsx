import { useDeferredValue } from 'react';
import { Equation } from '../../ui/Equation';
import { sci } from '../../ui/format';
import { useElementWidth } from '../../ui/useElementWidth';
import { corollary1Bound, corollary2Bound, theorem3Bound } from './math/angularTasks';
import type { PanelProps } from '../types';
import { ConvergenceFigure } from './ConvergenceFigure';
import { DeltaFigure, KappaFigure } from './KappaDeltaFigures';
import { MonotonicityFigure } from './MonotonicityFigure';
import type { LinearParams } from './params';
import type { LinearResults } from './results';
import { RiskVsNFigure } from './RiskVsNFigure';
import { taskName, taskOf } from './math/task';
import { TaskGeometryFigure } from './TaskGeometryFigure';
import { LinearSchematic } from './Schematic';
import { SchematicDisclosure } from '../../ui/FlowDiagram';

/** The bound at the current controls, in words and numbers (the e2e tests read it). */
function BoundSummary({ params }: { params: LinearParams }) {
  const task = taskOf(params);
  const { n, d } = params;
  const t3 = theorem3Bound(task, n, d);
  const c1 = corollary1Bound(task, n, d);
  const c2 = corollary2Bound(task, n, d);
  return (
    <table className="theory-table" data-testid="bound-summary">
      <tbody>
        <tr>
          <th>task</th>
          <td>
            {taskName(params)}, d = {d}, n = {n}
          </td>
        </tr>
        <tr>
          <th>Theorem 3 at this n</th>
          <td data-testid="theorem3-value">
            {n >= d
              ? '0: n ≥ d, the student recovers w* exactly'
              : `${sci(t3.bound, 4)} (minimised at β = ${sci((t3.beta * 180) / Math.PI)}°)`}
          </td>
        </tr>
        <tr>
          <th>Corollary 1 (margin tasks)</th>
          <td>{c1 === null ? 'does not apply: no margin' : sci(c1, 4)}</td>
        </tr>
        <tr>
          <th>Corollary 2 (c = 1)</th>
          <td>{c2 === null ? '—' : sci(c2, 4)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function LinearPanel({ params, results, setParam }: PanelProps<LinearParams, LinearResults>) {
  const [ref, width] = useElementWidth<HTMLDivElement>(1000);
  const half = width > 760 ? Math.floor((width - 16) / 2) : width;
  // A press redraws the exact figures it moves (p(θ), Theorem 3 against n) in its own frame; the
  // figures of runs, the summary table and the schematic follow in the render right after.
  const later = useDeferredValue(params);
  return (
    <div className="panel" ref={ref}>
      <section className="explain">
        <p>
          A teacher <Equation tex="h^*(x)=\mathbb 1\{w_*^\top x\ge0\}" /> hands out soft labels{' '}
          <Equation tex="\sigma(w_*^\top x_i)" />; a linear student trained by gradient descent from 0 on
          their cross-entropy converges to <Equation tex="\hat w = X(X^\top X)^{-1}X^\top w_*" />, the
          projection of <Equation tex="w_*" /> on the span of the n transfer points, and to{' '}
          <Equation tex="w_*" /> itself once <Equation tex="n\ge d" /> (Theorem 1). Its risk is bounded by{' '}
          <Equation tex="\min_\beta\, p(\beta)+p(\pi/2-\beta)^n" /> (Theorem 3), where p is the law of the
          angle between data and <Equation tex="w_*" />. The three factors of the paper: data geometry (Fig.
          3), optimisation bias (Fig. 4) and strong monotonicity (Fig. 5).
        </p>
      </section>
      <SchematicDisclosure title="teacher → student, with the live task" testId="linear-schematic-box">
        <LinearSchematic params={later} results={results} />
      </SchematicDisclosure>
      <TaskGeometryFigure params={params} width={width} />
      <ConvergenceFigure c={results.convergence} width={width} />
      <RiskVsNFigure params={params} r={results.riskVsN} width={width} setParam={setParam} />
      <BoundSummary params={later} />
      <section data-testid="three-factors">
        <h3>The three factors: data geometry (Fig. 3) and optimisation bias (Fig. 4)</h3>
        <div className="two-col">
          <KappaFigure params={later} k={results.kappa} width={half} setParam={setParam} />
          <DeltaFigure params={later} f={results.fashion} width={half} setParam={setParam} />
        </div>
      </section>
      <MonotonicityFigure params={later} m={results.monotonicity} width={width} />
    </div>
  );
}
