import { sci } from '../../ui/format';
import type { Verdict } from '../types';
import { hilbertModel } from './model';
import type { HilbertParams } from './params';
import type { HilbertResults } from './results';

/**
 * Prop. 4 against the exact rounds: self-distillation collapses to f = 0 after finitely many rounds,
 * and not before the t̲ rounds Prop. 4 guarantees. Exact (the panel's own memoised solve), so final at once.
 */
export function collapseVerdict(_results: HilbertResults, p: HilbertParams): Verdict {
  const model = hilbertModel(p);
  if (!model.ok) return { state: 'pending', text: `no round to compare: ${model.message}` };
  const { collapsed, roundsBeforeCollapse: t, guaranteedRounds: g, kappa } = model.run;
  if (!collapsed)
    return {
      state: 'fails',
      text: `no collapse in ${t} rounds${p.alpha > 0 ? ` (label mixing α = ${p.alpha}, beyond the paper)` : ''}`,
    };
  return {
    state: t >= g ? 'holds' : 'fails',
    text: `collapses at round ${t}; Prop. 4 guarantees t̲ = ${sci(g)} round(s) (κ = ${sci(kappa)})${t >= g ? (g < 1 ? ': true, but vacuous' : '') : ': fewer than guaranteed'}`,
  };
}
