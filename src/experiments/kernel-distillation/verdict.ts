import { sci } from '../../ui/format';
import type { Verdict } from '../types';
import type { KdParams } from './params';
import { atBestVal, type KdResults } from './results';

/**
 * Does a teacher help here? The live student (the slider's λ) against no teacher, on test MSE: at the
 * latest checkpoint (the end of training once the run is done) and with each stopped at its lowest
 * validation MSE — so that "the teacher helps" is not just "early stopping helps". Null before both
 * have a point.
 */
export function teacherComparison(results: KdResults) {
  const { setup, students } = results;
  const ids = setup?.runs.map((r) => r.id) ?? [];
  const none = students[ids.indexOf('noTeacher')];
  const live = students[ids.indexOf('live')];
  if (!setup || !none?.test.length || !live?.test.length) return null;
  return {
    lam: setup.runs[ids.indexOf('live')].lam,
    iter: live.iter.at(-1)!,
    end: { student: live.test.at(-1)!, none: none.test.at(-1)! },
    validated: { student: atBestVal(live)!.test, none: atBestVal(none)!.test },
  };
}

/** 'the teacher helps (a < b)' or 'the teacher does not help (a ≥ b)' */
export const helpsText = (x: number, y: number) =>
  x < y ? `the teacher helps (${sci(x)} < ${sci(y)})` : `the teacher does not help (${sci(x)} ≥ ${sci(y)})`;

const vs = (x: number, y: number) => `${sci(x)} ${x < y ? '<' : '≥'} ${sci(y)}`;

/**
 * Fig. 1: the student with a teacher ends with a lower test MSE than the one without. Final once the
 * students have run all their iterations (what follows, the embedding's networks, does not change them).
 */
export function teacherVerdict(results: KdResults, p: KdParams): Verdict {
  const c = teacherComparison(results);
  if (!c) return { state: 'pending', text: 'the teacher trains first, then the students' };
  return {
    state: c.end.student < c.end.none ? 'holds' : 'fails',
    text: `test MSE, student (λ = ${sci(c.lam)}) vs no teacher: ${vs(c.end.student, c.end.none)} at the end, ${vs(c.validated.student, c.validated.none)} each stopped by validation`,
    provisional:
      results.done || c.iter >= p.studentIterations
        ? undefined
        : `iteration ${c.iter} of ${p.studentIterations}`,
  };
}
