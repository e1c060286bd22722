import { describe, expect, it } from 'vitest';
import type { ConvergenceMeta, LinearFrame, TrajectorySample } from './frames';
import { convergedBelow, convergenceVerdict } from './verdict';
import { defaultParams } from './params';
import { initResults, reduce } from './results';

const p = defaultParams;
const meta = { steps: { shallow: 20000, deep: 20000 } } as ConvergenceMeta;
const sample = (step: number, distance: number): TrajectorySample => ({
  step,
  angle: 0,
  distance,
  outside: 0,
  norm: 1,
  loss: 1,
});
const traj = (...s: TrajectorySample[]): LinearFrame => ({
  kind: 'convergence',
  part: 'trajectory',
  learner: 'shallow',
  samples: s,
});
const fold = (frames: LinearFrame[]) => frames.reduce((r, f) => reduce(r, f), initResults());
const start: LinearFrame = { kind: 'convergence', part: 'meta', meta };

describe('linear distillation: the claim’s verdict (Theorem 1)', () => {
  it('is pending before the first step', () => {
    expect(convergenceVerdict(fold([start]), p).state).toBe('pending');
  });

  it('says provisional, with the step, while the student is still far from ŵ', () => {
    const v = convergenceVerdict(fold([start, traj(sample(0, 1), sample(500, 0.2))]), p);
    expect(v.state).toBe('fails');
    expect(v.provisional).toBe('step 500 of 20000');
  });

  it('is final, and holds, once the run is done below the threshold', () => {
    const r = fold([
      start,
      traj(sample(0, 1), sample(20000, convergedBelow / 2)),
      { kind: 'convergence', part: 'done', ms: 1 },
    ]);
    const v = convergenceVerdict(r, p);
    expect(v.state).toBe('holds');
    expect(v.provisional).toBeUndefined();
    expect(v.text).toBe('after 20000 steps the student is 5.00e-4 (relative) from ŵ');
  });

  it('fails, finally, when the step budget ends above the threshold', () => {
    const r = fold([start, traj(sample(20000, 0.01)), { kind: 'convergence', part: 'done', ms: 1 }]);
    expect(convergenceVerdict(r, p)).toMatchObject({ state: 'fails', provisional: undefined });
  });
});
