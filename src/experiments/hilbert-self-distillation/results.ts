import type {
  NnDoneFrame,
  NnEarlyStopFrame,
  NnFrame,
  NnProgressFrame,
  NnRoundFrame,
  NnStartFrame,
} from './nnJob';
import type { HilbertParams } from './params';

/** The worker's part of this experiment: the neural-network rounds (the kernel part is exact, main thread). */
export interface HilbertResults {
  start: NnStartFrame | null;
  progress: NnProgressFrame | null;
  rounds: NnRoundFrame[];
  earlyStop: NnEarlyStopFrame | null;
  done: NnDoneFrame | null;
  /** training throughput, measured between progress frames of one training run */
  epochsPerSec: number;
}

export function initResults(_p?: HilbertParams): HilbertResults {
  return { start: null, progress: null, rounds: [], earlyStop: null, done: null, epochsPerSec: 0 };
}

export function reduce(r: HilbertResults, f: NnFrame): HilbertResults {
  switch (f.kind) {
    case 'start':
      return { ...initResults(), start: f };
    case 'progress': {
      const prev = r.progress;
      if (
        prev &&
        prev.phase === f.phase &&
        prev.round === f.round &&
        f.elapsedMs > prev.elapsedMs &&
        f.epoch > prev.epoch
      )
        r.epochsPerSec = ((f.epoch - prev.epoch) * 1000) / (f.elapsedMs - prev.elapsedMs);
      r.progress = f;
      return r;
    }
    case 'round':
      r.rounds = [...r.rounds.filter((x) => x.round !== f.round), f].sort((a, b) => a.round - b.round);
      return r;
    case 'early-stop':
      r.earlyStop = f;
      return r;
    case 'done': {
      r.done = f;
      // A fast run can finish between two progress frames: the whole run's rate, rounds' wall time included
      const ms = f.roundMs.reduce((a, b) => a + b, 0);
      if (r.epochsPerSec === 0 && ms > 0) r.epochsPerSec = (f.roundMs.length * f.epochsPerRound * 1000) / ms;
      r.progress = null;
      return r;
    }
  }
  return r;
}
