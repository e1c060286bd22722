import { percent } from '../../ui/format';
import type { Verdict } from '../types';
import type { NtkParams } from './params';
import type { NtkResults } from './results';

/** The two runs' latest metrics: the final ones once done, else the last metrics frame (null before). */
export function latestRuns(results: NtkResults) {
  const { done, metrics } = results;
  const m = metrics[metrics.length - 1];
  return done ?? (m ? { normal: m.normal, selfDistill: m.selfDistill } : null);
}

/** Fig. 4: Algorithm 1 ends closer to the clean labels than normal training on the same noisy labels. */
export function selfDistillVerdict(results: NtkResults, p: NtkParams): Verdict {
  const last = latestRuns(results);
  if (!last) return { state: 'pending', text: 'waiting for the first training step' };
  const [sd, normal] = [last.selfDistill.cleanAccuracy, last.normal.cleanAccuracy];
  const iteration = results.metrics[results.metrics.length - 1]?.iteration ?? 0;
  return {
    state: sd > normal ? 'holds' : 'fails',
    text: `clean-label accuracy: self-distillation ${percent(sd)} ${sd > normal ? '>' : '≤'} normal training ${percent(normal)}`,
    provisional: results.done ? undefined : `iteration ${iteration} of ${p.iterations}`,
  };
}
