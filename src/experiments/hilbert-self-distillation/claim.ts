import { colors } from '../../charts/theme';
import type { ClaimDef } from '../types';
import type { HilbertParams } from './params';
import type { HilbertResults } from './results';

export const claim: ClaimDef<HilbertParams, HilbertResults> = {
  figure: 'collapse',
  tex: String.raw`\underline t=\big(\htmlData{term=y}{\|\mathbf y_0\|}/\htmlData{term=eps}{\sqrt{K\epsilon}}-1\big)/\kappa`,
  text: 'each round of self-distillation keeps fewer basis functions until the fit collapses to f = 0, after at least t̲ rounds',
  source: 'Prop. 4, eq. (44), Fig. 2c',
  terms: {
    y: { color: colors.measured, label: '‖y₀‖, the first labels; ‖y_t‖²/K per round in the collapse figure' },
    eps: { color: colors.reference, label: '√(Kε), the loss tolerance; ε in the collapse figure' },
  },
  // the exact solver stays out of the first load
  verdict: async (r, p) => (await import('./verdict')).collapseVerdict(r, p),
};
