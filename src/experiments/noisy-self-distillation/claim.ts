import { colors } from '../../charts/theme';
import type { ClaimDef } from '../types';
import type { PageParams } from './params';
import type { NoisyResults } from './results';

export const claim: ClaimDef<PageParams, NoisyResults> = {
  figure: 'fig2-gradient-norm-gaussian',
  tex: String.raw`\eta\sigma^2/(BN)\cdot\htmlData{term=gradnorm}{\textstyle\sum_i\|\nabla_\theta f(x_i,\theta)\|^2}`,
  text: 'label noise is an implicit regulariser of this strength: the students’ gradient norm falls as σ² grows',
  source: 'eq. (16), Fig. 2a',
  terms: {
    gradnorm: { color: colors.measured, label: 'the students’ gradient norm Σᵢ‖∇θf‖², measured in Fig. 2a' },
  },
  // loaded with its first use, not in the page's first load
  verdict: async (r, p) => (await import('./verdict')).gradNormVerdict(r, p),
};
