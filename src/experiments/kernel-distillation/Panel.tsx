import { LineChart, colors, palette, type LineSeries } from '../../charts';
import { sci } from '../../app/format';
import { useElementWidth } from '../../app/useElementWidth';
import type { PanelProps } from '../types';
import type { RunId } from './frames';
import type { KdParams } from './params';
import type { KdResults } from './results';
import { FInfScatter, PolesFigure } from './TheoryFigures';

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
  width,
  testId,
}: {
  results: KdResults;
  ids: RunId[];
  title: string;
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

function finalLosses(r: KdResults) {
  return (r.setup?.runs ?? []).map((run, k) => ({
    run,
    train: r.students[k]?.train.at(-1),
    test: r.students[k]?.test.at(-1),
  }));
}

export function KdPanel({ params, results }: PanelProps<KdParams, KdResults>) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const { setup, teacher, theory } = results;
  const rows = finalLosses(results);
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
      <h3>Figure 1 — no teacher, student (λ = 0.01), teacher</h3>
      <LossPair
        results={results}
        ids={['noTeacher', 'student']}
        title="Fig. 1"
        width={width}
        testId="kd-fig1"
      />
      <h3>Figure 2 — λ → 0, λ = 0.01, λ → ∞ and the slider’s λ = {sci(params.lambda)}</h3>
      <LossPair
        results={results}
        ids={['lam0', 'student', 'lamInf', 'live']}
        title="Fig. 2"
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
        width={width}
        testId="kd-fig3"
      />
      <h3>Theorems 1 and 3 drawn over the measurement</h3>
      <FInfScatter results={results} width={Math.min(width, 520)} />
      <PolesFigure results={results} width={width} />
      <h3>Measured at the end</h3>
      <table data-testid="kd-table">
        <thead>
          <tr>
            <th>network</th>
            <th>λ</th>
            <th>train MSE</th>
            <th>test MSE</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>teacher ({params.teacherWidth} units)</td>
            <td>—</td>
            <td>{sci(teacher.train.at(-1))}</td>
            <td>{sci(teacher.test.at(-1))}</td>
          </tr>
          {rows.map(({ run, train, test }) => (
            <tr key={run.id}>
              <td>{run.label}</td>
              <td>{sci(run.lam)}</td>
              <td>{sci(train)}</td>
              <td>{sci(test)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        What the paper claims and what to look for: with a teacher the student should reach a lower test loss
        and converge faster than without one; λ = 0.01 should beat both extremes; the perfect teacher should
        beat the imperfect one. At this scale these are measured, not assumed — the table above says whether
        they hold for these settings (checked in NumPy for Fashion-MNIST 7 vs 9, n = 400: the teacher gives a
        head start on training loss but the student ends worse on test than without a teacher). Whether a
        teacher helps where its outputs are smoother than the labels (label noise) is not yet checked: the
        “Label noise 30 %” preset sets it up.
        {theory && !theory.theorem1Applies && ' Here n > d, so Theorem 1’s f_∞ is not expected to match.'}
      </p>
      <p className="muted">
        Not yet in the lab: Fig. 4–6 (kernel alignment QP, Nyström embeddings, overlap histograms of Fig. 5).
      </p>
    </div>
  );
}
