import { sci } from '../../ui/format';
import type { Verdict } from '../types';
import type { LinearParams } from './params';
import type { LinearResults } from './results';

/** Relative distance ‖w − ŵ‖/‖ŵ‖ below which the linear student has reached Theorem 1's limit. */
export const convergedBelow = 1e-3;

/** Theorem 1: the linear student trained by gradient descent from 0 converges to ŵ (w* projected on the data's span). */
export function convergenceVerdict(results: LinearResults, _p: LinearParams): Verdict {
  const c = results.convergence;
  const last = c.shallow[c.shallow.length - 1];
  if (!c.meta || !last) return { state: 'pending', text: 'waiting for the first gradient steps' };
  const reached = last.distance < convergedBelow;
  return {
    state: reached ? 'holds' : 'fails',
    text: `after ${last.step} steps the student is ${sci(last.distance)} (relative) from ŵ${reached ? '' : ` (not below ${sci(convergedBelow)})`}`,
    provisional: c.done ? undefined : `step ${last.step} of ${c.meta.steps.shallow}`,
  };
}
