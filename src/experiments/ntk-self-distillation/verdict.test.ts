import { describe, expect, it } from 'vitest';
import type { RunMetrics, SelfDistillMetrics } from './evaluator';
import type { NtkExperimentFrame } from './frames';
import { latestRuns, selfDistillVerdict } from './verdict';
import { defaultParams } from './params';
import { initResults, reduce } from './results';

const p = defaultParams;
const run = (cleanAccuracy: number): RunMetrics => ({
  loss: 1,
  trainAccuracy: 0.7,
  cleanAccuracy,
  l2ToClean: 1,
  testAccuracy: 0.7,
  air: [],
  cleanFit: 0.5,
  noiseFit: 0.1,
});
const sd = (cleanAccuracy: number): SelfDistillMetrics => ({
  ...run(cleanAccuracy),
  alpha: 0.5,
  targetTopKRatio: null,
  infoGain: null,
});
const metrics = (iteration: number, normal: number, self: number): NtkExperimentFrame => ({
  kind: 'metrics',
  iteration,
  normal: run(normal),
  selfDistill: sd(self),
  labelTopKRatio: null,
  elapsedMs: iteration,
  theoryFit: { clean: 0.5, noise: null },
});
const done = (normal: number, self: number): NtkExperimentFrame => ({
  kind: 'done',
  iterations: p.iterations,
  eta: 1,
  lambdaMax: 1,
  normal: run(normal),
  selfDistill: sd(self),
  msPerStep: 1,
  stepsPerSecond: 1,
  totalMs: 1,
});
const fold = (frames: NtkExperimentFrame[]) => frames.reduce((r, f) => reduce(r, f), initResults());

describe('NTK self-distillation: the claim’s verdict', () => {
  it('is pending before the first metrics', () => {
    expect(selfDistillVerdict(initResults(), p).state).toBe('pending');
    expect(latestRuns(initResults())).toBeNull();
  });

  it('says provisional, with the iteration, while training', () => {
    // early on normal training is ahead on the clean labels (it has not memorised the noise yet)
    const v = selfDistillVerdict(fold([metrics(0, 0.5, 0.5), metrics(40, 0.9, 0.85)]), p);
    expect(v).toEqual({
      state: 'fails',
      text: 'clean-label accuracy: self-distillation 85.0% ≤ normal training 90.0%',
      provisional: `iteration 40 of ${p.iterations}`,
    });
  });

  it('is final on the done frame’s numbers', () => {
    const v = selfDistillVerdict(fold([metrics(40, 0.9, 0.85), done(0.73, 0.965)]), p);
    expect(v).toEqual({
      state: 'holds',
      text: 'clean-label accuracy: self-distillation 96.5% > normal training 73.0%',
      provisional: undefined,
    });
  });
});
