import { LineChart, colors, palette, type LineSeries } from '../../charts';
import { sci } from '../../ui/format';
import { useElementWidth } from '../../ui/useElementWidth';
import type { PanelProps } from '../types';
import { fig } from './figures';
import type { RunId } from './frames';
import type { KdParams } from './params';
import type { KdResults } from './results';
import { KernelSection } from './KernelFigures';
import { OverlapPair, compareMeans } from './OverlapFigure';
import { ResultsTable, TeacherVerdict } from './ResultsTable';
import { FInfScatter, PolesFigure } from './TheoryFigures';
import { KdSchematic } from './Schematic';
import { SchematicDisclosure } from '../../ui/FlowDiagram';

const runColor: Record<RunId, string> = {
  noTeacher: colors.reference,
  student: colors.student,
  lam0: palette[0],
  lamInf: palette[5] ?? colors.selfDistillation,
  live: colors.marker,
  randomInit: colors.selfDistillation,
  imperfect: colors.sample,
};

/** Losses of the teacher and the named students; the x axis counts each network's own GD steps. */
function LossPair({
  results,
  ids,
  title,
  figureIds,
  width,
  testId,
}: {
  results: KdResults;
  ids: RunId[];
  title: string;
  /** the figure ids of the training- and the test-loss chart */
  figureIds: { train: string; test: string };
  width: number;
  testId: string;
}) {
  const { setup, students, teacher } = results;
  const make = (key: 'train' | 'test') => {
    const s: LineSeries[] = [];
    if (teacher.iter.length)
      s.push({
        id: 'teacher',
        label: 'teacher',
        x: teacher.iter.map((t) => t + 1),
        y: teacher[key],
        color: colors.teacher,
        width: 2,
        term: 'teacher',
      });
    setup?.runs.forEach((r, k) => {
      if (!ids.includes(r.id) || !students[k]?.iter.length) return;
      s.push({
        id: r.id,
        label: r.label,
        x: students[k].iter.map((t) => t + 1),
        y: students[k][key],
        color: runColor[r.id],
        dash: r.id === 'noTeacher' ? 'dashed' : undefined,
        term: r.id === 'noTeacher' ? 'labels' : r.id === 'student' ? 'student' : undefined,
      });
    });
    return s;
  };
  const w = width > 760 ? Math.floor((width - 16) / 2) : width;
  return (
    <div className="figure-row" data-testid={testId} style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      {(['train', 'test'] as const).map((key) => (
        <LineChart
          key={key}
          figureId={figureIds[key]}
          title={`${title}: ${key === 'train' ? 'training' : 'test'} loss`}
          series={make(key)}
          width={w}
          height={260}
          xLabel="iteration + 1"
          yLabel="mean squared error"
          xScale="log"
          yScale="log"
          testId={`${testId}-${key}`}
        />
      ))}
    </div>
  );
}

export function KdPanel({ params, results }: PanelProps<KdParams, KdResults>) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const { setup, theory } = results;
  return (
    <div ref={ref} className="panel">
      <p>
        Teacher: {params.teacherWidth} tanh/ReLU units trained on the labels; students: {params.studentWidth}{' '}
        of its units, trained on Σ(y − f)² + λ Σ_k ‖φ_k − σ(Xw_k)‖² by full-batch GD. Data:{' '}
        {params.data === 'fashion'
          ? 'Fashion-MNIST sneaker (+1) vs ankle boot (−1)'
          : 'two synthetic Gaussian classes'}
        ,{' '}
        {setup
          ? `n = ${setup.n}, d = ${setup.d}, ${setup.nTest} test points${setup.flipped ? `, ${setup.flipped} labels flipped` : ''}`
          : '…'}
        .
        {setup && setup.n > setup.d && (
          <strong className="warning"> n &gt; d: outside Theorem 1 (H_k has rank ≤ d).</strong>
        )}
      </p>
      <SchematicDisclosure title="teacher → student, with the live λ" testId="kd-schematic-box">
        <KdSchematic params={params} results={results} />
      </SchematicDisclosure>
      <h3>Figure 1 — no teacher, student (λ = 0.01), teacher</h3>
      <LossPair
        results={results}
        ids={['noTeacher', 'student']}
        title="Fig. 1"
        figureIds={{ train: fig('fig1-train-loss'), test: fig('fig1-test-loss') }}
        width={width}
        testId="kd-fig1"
      />
      <h3>Figure 2 — λ → 0, λ = 0.01, λ → ∞ and the slider’s λ = {sci(params.lambda)}</h3>
      <LossPair
        results={results}
        ids={['lam0', 'student', 'lamInf', 'live']}
        title="Fig. 2"
        figureIds={{ train: fig('fig2-train-loss'), test: fig('fig2-test-loss') }}
        width={width}
        testId="kd-fig2"
      />
      <h3>
        Figure 3 — perfect teacher, imperfect teacher ({sci(params.imperfectAt * 100)}% of its training),
        random init
      </h3>
      <LossPair
        results={results}
        ids={['student', 'imperfect', 'randomInit']}
        title="Fig. 3"
        figureIds={{ train: fig('fig3-train-loss'), test: fig('fig3-test-loss') }}
        width={width}
        testId="kd-fig3"
      />
      <h3>Figure 5 — overlap of the hidden features with the top {params.overlapTop} eigenvectors of H∞</h3>
      <OverlapPair
        sets={results.overlap.raw?.sets}
        teachers={['teacher', 'teacherEarly', 'teacherBest']}
        students={['student', 'studentEarly']}
        colors={[colors.teacher, palette[0], palette[2]]}
        title="Fig. 5"
        figureIds={{ teachers: fig('fig5-teacher-overlap'), students: fig('fig5-student-overlap') }}
        width={width}
        testId="kd-fig5"
      />
      <p className="muted">
        Per hidden unit k: the mean over the top eigenvectors v_j of H∞ (the infinite-width kernel of the
        first layer at w ~ N(0, κ²I), float64) of |⟨φ_k/‖φ_k‖, v_j⟩| on the training inputs — section 4.4’s
        simplified α_j. The paper finds it larger for the perfect teacher and its student; here, imperfect →
        perfect: {compareMeans(results.overlap.raw?.sets, 'teacherEarly', 'teacher')} for the teacher,{' '}
        {compareMeans(results.overlap.raw?.sets, 'studentEarly', 'student')} for its student.
        {results.overlap.raw &&
          ` Top eigenvalues of H∞: ${results.overlap.raw.eigenvalues
            .slice(0, 4)
            .map((v) => sci(v))
            .join(', ')}${results.overlap.raw.eigenvalues.length > 4 ? ', …' : ''}.`}
      </p>
      <h3>Figures 4 and 6 — a kernel learned by centred alignment as the networks’ input</h3>
      <KernelSection results={results} width={width} embed={params.embed} overlapTop={params.overlapTop} />
      <h3>Theorems 1 and 3 drawn over the measurement</h3>
      <FInfScatter results={results} width={Math.min(width, 520)} />
      <PolesFigure results={results} width={width} />
      <h3>Measured at the end</h3>
      <ResultsTable params={params} results={results} />
      <TeacherVerdict results={results} />
      <p className="muted">
        What the paper claims and what to look for: with a teacher the student should reach a lower test loss
        and converge faster than without one; λ = 0.01 should beat both extremes; the perfect teacher should
        beat the imperfect one. At this scale these are measured, not assumed. Clean labels: a teacher does
        not help (the defaults: test MSE 0.0170 with the teacher at λ = 0.01, 0.0161 without; NumPy,
        Fashion-MNIST 7 vs 9, n = 400: the student ends worse on test than without a teacher). With λ = 0.01,
        Theorem 1’s f_∞ is within 1% of the labels, so at the end of training the student fits them as if
        alone. Where a teacher does help — the preset “Label noise 20 %” (synthetic n = 40, d = 60, 2000
        iterations, mean of seeds 1–3): the no-teacher run interpolates the flipped labels (test MSE 1.26);
        the student with λ = 1 learning from the teacher stopped at its lowest validation MSE ends at 0.715
        (0.605 with λ → ∞; 1.00 with λ = 1 from the fully trained teacher). With 30% flipped: 1.92 against
        1.08. But stopping the no-teacher run by validation gives 0.287 (30%: 0.588), better than any
        distilled student: here the teacher passes on the benefit of early stopping, no more. With fewer
        labels (n = 20, 20%) the gain is not consistent (seed 1: 0.199 with the teacher, 0.100 without).
        {theory && !theory.theorem1Applies && ' Here n > d, so Theorem 1’s f_∞ is not expected to match.'}
      </p>
    </div>
  );
}
