import { describe, expect, it } from 'vitest';
import type { KdFrame, RunId, RunInfo } from './frames';
import { claim } from './claim';
import { helpsText, teacherComparison, teacherVerdict } from './verdict';
import { defaultParams, presets } from './params';
import { initResults, reduce } from './results';

const p = defaultParams; // 2000 student iterations
const run = (id: RunId, lam: number): RunInfo => ({
  id,
  label: id,
  lam,
  eta: 1,
  init: 'teacher',
  phi: 'teacher',
});
const setup: KdFrame = {
  kind: 'setup',
  n: 40,
  d: 60,
  nTest: 200,
  nVal: 40,
  flipped: 8,
  gramTop: 1,
  runs: [run('noTeacher', 0), run('live', 1)],
  units: [],
};
/** One students frame: test (and validation) MSE per checkpoint for [noTeacher, live]. */
const students = (iter: number[], test: [number, number][], val = test): KdFrame => ({
  kind: 'students',
  net: 'raw',
  iter,
  train: test,
  test,
  val,
  dist: iter.map(() => 0),
  stepsPerSecond: 1,
});
const done: KdFrame = { kind: 'done', outputs: [], relErr: 0, measuredRate: 0, studentStepsPerSecond: 1 };
const fold = (frames: KdFrame[]) => frames.reduce((r, f) => reduce(r, f), initResults());

describe('kernel distillation: the claim’s verdict', () => {
  it('is pending before the students have a point', () => {
    expect(teacherVerdict(fold([setup]), p).state).toBe('pending');
    expect(teacherComparison(fold([setup]))).toBeNull();
  });

  it('says provisional, with the iteration, while the students train', () => {
    // early on the no-teacher network is ahead …
    const v = teacherVerdict(
      fold([
        setup,
        students(
          [0, 100],
          [
            [1, 1],
            [0.5, 0.6],
          ],
        ),
      ]),
      p,
    );
    expect(v.state).toBe('fails');
    expect(v.provisional).toBe('iteration 100 of 2000');
  });

  it('is final after the done frame: end of training and stopped by validation, both said', () => {
    const r = fold([
      setup,
      students(
        [0, 100, 2000],
        [
          [1, 1],
          [0.5, 0.6],
          [0.9, 0.4],
        ],
        [
          [1, 1],
          [0.3, 0.2],
          [0.9, 0.4],
        ],
      ),
      done,
    ]);
    const v = teacherVerdict(r, p);
    // … at the end the student with the teacher wins; stopped by validation the no-teacher one does
    expect(v.state).toBe('holds');
    expect(v.provisional).toBeUndefined();
    expect(v.text).toBe(
      'test MSE, student (λ = 1.00) vs no teacher: 0.400 < 0.900 at the end, 0.600 ≥ 0.500 each stopped by validation',
    );
    expect(helpsText(0.4, 0.9)).toMatch(/^the teacher helps/);
    expect(helpsText(0.6, 0.5)).toMatch(/^the teacher does not help/);
  });

  it('is final once the students have run all their iterations, before the embedding stage is done', () => {
    const r = fold([
      setup,
      students(
        [0, p.studentIterations],
        [
          [1, 1],
          [0.9, 0.4],
        ],
      ),
    ]);
    expect(teacherVerdict(r, p)).toMatchObject({ state: 'holds', provisional: undefined });
  });

  it('points to the label-noise preset, which exists and shows the effect', () => {
    expect(claim.presetHint?.preset).toBe('noisy');
    expect(presets.find((x) => x.id === 'noisy')?.params.labelNoise).toBeGreaterThan(0);
  });
});
