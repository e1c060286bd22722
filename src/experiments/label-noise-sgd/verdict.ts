import { sci } from '../../ui/format';
import type { Verdict } from '../types';
import type { OlsParams } from './params';
import type { OlsResults } from './results';
import { panelModels, type PanelModel } from './theory';

/** The chains' variances agree with the exact stationary ones when every ratio is within this of 1. */
export const agreeWithin = 0.1;

/** The exact models of the current params (cheap; kept per params object so a frame does not redo them). */
const models = new WeakMap<OlsParams, PanelModel[]>();
const modelsOf = (p: OlsParams) => {
  let m = models.get(p);
  if (!m) models.set(p, (m = panelModels(p)));
  return m;
};

/**
 * Fig. 1 (2)–(5): SGD on fixed noisy labels settles into a cloud around β̂ whose covariance is the exact
 * stationary C (its spread grows with σ², its shape follows Σ). Holds when, in every panel, the chains'
 * empirical Var β₁ and Var β₂ are within 10 % of C's; provisional until the chains have run all their steps.
 */
export function stationaryVerdict(results: OlsResults, p: OlsParams): Verdict {
  const ms = modelsOf(p);
  const ratios: number[] = [];
  let step = Infinity;
  for (let i = 0; i < ms.length; i++) {
    const t = ms[i].theory;
    if (!('exact' in t)) return { state: 'pending', text: t.error };
    if (t.exact.meanSquareContraction >= 1 || !t.exact.stationaryCov)
      return {
        state: 'fails',
        text: `ρ = ${sci(t.exact.meanSquareContraction, 4)} ≥ 1 at η = ${p.eta}: SGD diverges, there is no stationary cloud`,
      };
    const r = results.panels[i];
    if (!r?.empCov || r.chainStep === 0) return { state: 'pending', text: 'waiting for the chains' };
    if (r.chainsDivergedAt !== null)
      return { state: 'fails', text: `the chains diverged at step ${r.chainsDivergedAt}` };
    const c = t.exact.stationaryCov;
    ratios.push(r.empCov[0] / c[0][0], r.empCov[1] / c[1][1]);
    step = Math.min(step, r.chainStep);
  }
  const worst = ratios.reduce((w, x) => (Math.abs(x - 1) > Math.abs(w - 1) ? x : w), 1);
  const agree = Math.abs(worst - 1) <= agreeWithin;
  return {
    state: agree ? 'holds' : 'fails',
    text: `chains’ variance ÷ exact C${ms.length > 1 ? `, worst of ${ms.length} panels` : ''}: ${sci(worst)} (${agree ? 'within' : 'outside'} ±${agreeWithin * 100} %)`,
    provisional: step < p.chainSteps ? `chain step ${step} of ${p.chainSteps}` : undefined,
  };
}
