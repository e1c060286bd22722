import { colors } from '../../charts/theme';
import type { ClaimDef } from '../types';
import type { LinearParams } from './params';
import type { LinearResults } from './results';

export const claim: ClaimDef<LinearParams, LinearResults> = {
  figure: 'convergence-distance',
  tex: String.raw`\htmlData{term=w}{\mathbf w(t)}\to\htmlData{term=what}{\hat{\mathbf w}}=\mathbf X(\mathbf X^{\top}\mathbf X)^{-1}\mathbf X^{\top}\mathbf w_*`,
  text: 'a linear student distilled from w* recovers w* projected on the transfer set’s span (w* itself when n ≥ d)',
  source: 'Theorem 1, eq. (5)–(6)',
  terms: {
    w: { color: colors.student, label: 'w(t), the student trained by gradient descent (N = 1)' },
    what: { color: colors.theory, label: 'ŵ, the limit of Theorem 1' },
  },
  // loaded with its first use, not in the page's first load
  verdict: async (r, p) => (await import('./verdict')).convergenceVerdict(r, p),
};
