import { describe, expect, it } from 'vitest';
import type { CheckpointFrame, NoisyFrame } from './job';
import { claim } from './claim';
import { gradNormVerdict, kindSummary, latestSummary } from './verdict';
import { defaultParams, runsOf } from './params';
import { initResults, reduce } from './results';

const p = defaultParams; // Gaussian: σ² = 0, 0.5, 2, 8; 15 epochs
const runs = runsOf(p);

/** A checkpoint whose two seeds both have these mean gradient norms, per run. */
const checkpoint = (epoch: number, g: number[]): CheckpointFrame => {
  const two = (v: number) => [v, v];
  return {
    kind: 'checkpoint',
    epoch,
    elapsedMs: epoch * 100,
    gradNormSq: g.map(two),
    trainLoss: g.map(() => two(1)),
    testLoss: g.map(() => two(1)),
    valAcc: g.map((_, i) => two(0.8 - i / 100)),
    testAcc: g.map(() => two(0.8)),
  };
};

const fold = (frames: NoisyFrame[]) => frames.reduce((r, f) => reduce(r, f), initResults());
const start: NoisyFrame = {
  kind: 'start',
  runs,
  seeds: 2,
  trainSize: 1600,
  valSize: 400,
  testSize: 1000,
  backend: 'cpu',
};
const done: NoisyFrame = {
  kind: 'done',
  totalMs: 1,
  teacherMs: 1,
  studentMs: 1,
  studentsPerSec: 1,
  firstPointMs: 1,
};
// At epoch 3 the σ² = 0.5 student's gradient norm is above the noiseless one's; by epoch 15 it falls.
const early = [checkpoint(0, [10, 10, 10, 10]), checkpoint(3, [1700, 1750, 1300, 1100])];
const late = [...early, checkpoint(15, [1700, 1400, 1200, 1080])];

describe('noisy self-distillation: the claim’s verdict', () => {
  it('is pending while the teacher trains, with its epoch', () => {
    const r = fold([
      start,
      { kind: 'progress', phase: 'teacher', epoch: 3, epochs: 10, loss: 1, elapsedMs: 1 },
    ]);
    expect(gradNormVerdict(r, p)).toEqual({
      state: 'pending',
      text: 'the teacher trains first (epoch 3 of 10)',
    });
  });

  it('says provisional, with the epoch, before the run has finished', () => {
    const v = gradNormVerdict(fold([start, ...early]), p);
    expect(v.state).toBe('fails');
    expect(v.provisional).toBe('epoch 3 of 15');
    expect(v.text).toContain('does not fall');
  });

  it('is final once the run is done, on the last checkpoint', () => {
    const v = gradNormVerdict(fold([start, ...late, done]), p);
    expect(v).toEqual({
      state: 'holds',
      text: '‖∇θf‖² falls strictly as σ² grows (1.70e+3 → 1.40e+3 → 1.20e+3 → 1.08e+3)',
      provisional: undefined,
    });
  });

  it('is still provisional at the last epoch until the done frame arrives', () => {
    expect(gradNormVerdict(fold([start, ...late]), p).provisional).toBe('epoch 15 of 15');
  });

  it('needs every kind of a “both” sweep to fall', () => {
    const both = { ...p, noise: 'both' as const, levels: 1 };
    const r = fold([
      { ...start, runs: runsOf(both) } as NoisyFrame,
      checkpoint(0, [1, 1, 1]),
      checkpoint(5, [1700, 1200, 1800]),
      done,
    ]);
    const v = gradNormVerdict(r, both);
    expect(v.state).toBe('fails');
    expect(v.text).toMatch(/falls strictly as σ² grows.*; ‖∇θf‖² does not fall strictly as p grows/);
  });

  it('reads the same curve as the panel (kindSummary): baseline first, validation’s pick', () => {
    const s = latestSummary(fold([start, ...late]))!;
    const k = kindSummary(s.rs, 'gaussian');
    expect(k.curve.map(({ r }) => r.level)).toEqual([0, 0.5, 2, 8]);
    expect(k.falls).toBe(true);
    expect(k.picked).toBe(0);
    expect(claim.figure).toBe('fig2-gradient-norm-gaussian');
  });
});
