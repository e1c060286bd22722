import { describe, expect, it } from 'vitest';
import { initResults, reduce } from './results';
import type { NnProgressFrame } from './nnJob';

const progress = (epoch: number, elapsedMs: number): NnProgressFrame => ({
  kind: 'progress',
  phase: 'distill',
  round: 0,
  epoch,
  epochs: 6,
  loss: 1,
  elapsedMs,
});

describe('Hilbert network results: the training rate', () => {
  it('is measured between two progress frames of one training run', () => {
    let r = reduce(initResults(), progress(1, 100));
    r = reduce(r, progress(3, 600));
    expect(r.epochsPerSec).toBeCloseTo(4, 10);
  });

  it('falls back to the whole run when it finished before a second progress frame', () => {
    let r = reduce(initResults(), progress(1, 100));
    expect(r.epochsPerSec).toBe(0);
    r = reduce(r, { kind: 'done', totalMs: 1300, roundMs: [400, 600], epochsPerRound: 6 });
    // 2 rounds × 6 epochs in 1 s of round wall time
    expect(r.epochsPerSec).toBeCloseTo(12, 10);
  });

  it('keeps the measured rate when there was one', () => {
    let r = reduce(initResults(), progress(1, 100));
    r = reduce(r, progress(2, 300));
    r = reduce(r, { kind: 'done', totalMs: 1300, roundMs: [400, 600], epochsPerRound: 6 });
    expect(r.epochsPerSec).toBeCloseTo(5, 10);
  });
});
