import { sci } from '../../ui/format';
import type { KdParams } from './params';
import { atBestVal, type Curves, type KdResults } from './results';

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

/**
 * Does a teacher help here? The live student against no teacher, at the end of training and with
 * both stopped by validation — so that "the teacher helps" is not just "early stopping helps".
 */
export function TeacherVerdict({ results }: { results: KdResults }) {
  const { setup, students } = results;
  const ids = setup?.runs.map((r) => r.id) ?? [];
  const none = students[ids.indexOf('noTeacher')];
  const live = students[ids.indexOf('live')];
  if (!setup || !results.done || !none?.test.length || !live?.test.length) return null;
  const lam = setup.runs[ids.indexOf('live')].lam;
  const [a, b] = [live.test.at(-1)!, none.test.at(-1)!];
  const [av, bv] = [atBestVal(live)!.test, atBestVal(none)!.test];
  const verdict = (x: number, y: number) =>
    x < y ? `the teacher helps (${sci(x)} < ${sci(y)})` : `the teacher does not help (${sci(x)} ≥ ${sci(y)})`;
  return (
    <p data-testid="kd-verdict">
      <strong>Does a teacher help here?</strong> Test MSE of the student with λ = {sci(lam)} against no
      teacher — at the end of training: {verdict(a, b)}; each stopped at its lowest validation MSE:{' '}
      {verdict(av, bv)}.
    </p>
  );
}
