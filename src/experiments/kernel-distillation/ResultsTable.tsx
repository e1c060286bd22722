import { sci } from '../../ui/format';
import type { KdParams } from './params';
import { atBestVal, type Curves, type KdResults } from './results';
import { helpsText, teacherComparison } from './verdict';

/** End-of-training losses, and the test MSE each network would have had if stopped by validation. */
export function ResultsTable({ params, results }: { params: KdParams; results: KdResults }) {
  const { setup, teacher, students } = results;
  const row = (key: string, label: string, lam: number | null, c: Curves | undefined) => {
    const b = c ? atBestVal(c) : null;
    return (
      <tr key={key}>
        <td>{label}</td>
        <td>{lam === null ? '—' : lam === 0 ? '0' : sci(lam)}</td>
        <td>{sci(c?.train.at(-1))}</td>
        <td>{sci(c?.test.at(-1))}</td>
        <td>{b ? `${sci(b.test)} (iteration ${b.iter})` : '—'}</td>
      </tr>
    );
  };
  return (
    <table data-testid="kd-table">
      <thead>
        <tr>
          <th>network</th>
          <th>λ</th>
          <th>train MSE</th>
          <th>test MSE</th>
          <th>test MSE at its lowest validation MSE</th>
        </tr>
      </thead>
      <tbody>
        {row(
          'teacher',
          `teacher (${params.teacherWidth} units)`,
          null,
          teacher.iter.length ? teacher : undefined,
        )}
        {(setup?.runs ?? []).map((run, k) => row(run.id, run.label, run.lam, students[k]))}
      </tbody>
    </table>
  );
}

/** Does a teacher help here? Once the run is done: the comparison of claim.ts, in full. */
export function TeacherVerdict({ results }: { results: KdResults }) {
  const c = teacherComparison(results);
  if (!results.done || !c) return null;
  return (
    <p data-testid="kd-verdict">
      <strong>Does a teacher help here?</strong> Test MSE of the student with λ = {sci(c.lam)} against no
      teacher — at the end of training: {helpsText(c.end.student, c.end.none)}; each stopped at its lowest
      validation MSE: {helpsText(c.validated.student, c.validated.none)}.
    </p>
  );
}
