import { useMemo } from 'react';
import { LineChart, colors, type LineSeries } from '../../charts';
import { percent } from '../../ui/format';
import { meanStd } from '../../math/stats';
import { fig } from './figures';
import type { NtkParams } from './params';
import type { Fig1Results } from './results';
import { fig1Fixed } from './teacherEpochsParams';

/** Dong et al. Fig. 1: student test accuracy against the teacher's epochs, beside the teacher's own. */

const stat = (rows: number[][]) => rows.map((v) => meanStd(v));

function banded(id: string, label: string, x: number[], rows: number[][], color: string): LineSeries {
  const s = stat(rows);
  const m = s.map((v) => v.mean);
  const sd = s.map((v) => (v.n > 1 ? v.std : 0));
  return {
    id,
    label,
    x,
    y: m,
    color,
    width: 2,
    band: { lo: m.map((v, i) => v - sd[i]), hi: m.map((v, i) => v + sd[i]) },
  };
}

/** What the measurement says about the paper's claim, in one sentence. */
function verdict(x: number[], student: number[], labels: number) {
  const best = student.indexOf(Math.max(...student));
  const last = student.length - 1;
  const early = best < last;
  return (
    `${early ? '✔' : '✘'} The best student comes from the teacher trained ${x[best]} epochs` +
    (early
      ? `, not the longest-trained one (${x[last]} epochs: ${percent(student[last])} vs ${percent(student[best])}) — as the paper says.`
      : ` — the longest-trained: the paper’s claim does not show at this setting.`) +
    ` A student trained on the labels alone reaches ${percent(labels)}.`
  );
}

export function TeacherEpochsFigure({
  fig1,
  params,
  width,
}: {
  fig1: Fig1Results;
  params: NtkParams;
  width: number;
}) {
  const { start, teachers, students, progress } = fig1;
  const series = useMemo(() => {
    if (!teachers) return [];
    const x = teachers.teacherEpochs;
    const s: LineSeries[] = [banded('teacher', 'teacher, test', x, teachers.testAcc, colors.teacher)];
    // The teacher's training accuracy (near 1) is in the table: on the chart it would sit under the legend.
    if (students) {
      s.push(banded('student', 'student, test', x, students.testAcc, colors.student));
      const l = meanStd(students.labelsTestAcc).mean;
      s.push({
        id: 'labels',
        label: 'student from the labels, test',
        x: [x[0], x[x.length - 1]],
        y: [l, l],
        color: colors.selfDistillation,
        dash: 'dotted',
      });
    }
    return s;
  }, [teachers, students]);
  const studentMeans = students ? stat(students.testAcc).map((v) => v.mean) : [];
  return (
    <section data-testid="ntk-fig1">
      <h3>Figure 1: a good teacher may not produce a good student</h3>
      <p className="muted" data-testid="ntk-fig1-substitution">
        Substituted: the paper trains a WRN-28 teacher on CIFAR-100 for 40, 80, 120, 160 and 200 epochs and
        distils a 5-layer CNN from each. Here: a wide MLP teacher (784–{fig1Fixed.teacherHidden}–10,
        cross-entropy, Adam) on {fig1Fixed.trainSize} Fashion-MNIST training images, its soft targets
        softmax(z/T) (T = {params.fig1Temperature}) saved after {start?.teacherEpochs.join(', ') ?? '…'}{' '}
        epochs of one run; a narrow student (784–{fig1Fixed.studentHidden}–10, {fig1Fixed.studentEpochs}{' '}
        epochs) learns each; test accuracy on {fig1Fixed.testSize} test images, {params.fig1Seeds} seed
        {params.fig1Seeds > 1 ? 's (mean ± sd)' : ''}. Measured, not tuned to match.
      </p>
      {series.length > 0 && (
        <LineChart
          figureId={fig('teacher-epochs')}
          title="test accuracy against the teacher’s training epochs"
          series={series}
          width={Math.min(width, 640)}
          height={280}
          xLabel="teacher epochs"
          yLabel="accuracy"
          xIntegerTicks
          exportName="dong-fig1"
          exportParams={params}
          testId="ntk-fig1-chart"
        />
      )}
      {teachers && (
        <table className="theory-table" data-testid="ntk-fig1-table">
          <thead>
            <tr>
              <th>teacher epochs</th>
              {teachers.teacherEpochs.map((e) => (
                <th key={e}>{e}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>teacher test</th>
              {stat(teachers.testAcc).map((v, i) => (
                <td key={i}>{percent(v.mean)}</td>
              ))}
            </tr>
            <tr>
              <th>teacher training</th>
              {stat(teachers.trainAcc).map((v, i) => (
                <td key={i}>{percent(v.mean)}</td>
              ))}
            </tr>
            <tr title="mean entropy of softmax(z/T) on the training images, in nats (log 10 = 2.30 is uniform)">
              <th>target entropy</th>
              {stat(teachers.targetEntropy).map((v, i) => (
                <td key={i}>{v.mean.toFixed(2)}</td>
              ))}
            </tr>
            <tr data-testid="ntk-fig1-student-row">
              <th>student test</th>
              {teachers.teacherEpochs.map((_, i) => (
                <td key={i}>{students ? percent(studentMeans[i]) : '…'}</td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
      <p data-testid="ntk-fig1-verdict">
        {students && teachers
          ? verdict(teachers.teacherEpochs, studentMeans, meanStd(students.labelsTestAcc).mean)
          : progress
            ? `Fig. 1: ${progress.phase}, epoch ${progress.epoch.toFixed(1)} of ${progress.epochs}…`
            : 'Fig. 1 runs after the NTK figures.'}
      </p>
    </section>
  );
}
