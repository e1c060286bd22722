import { colors } from '../../charts/theme';
import type { ClaimDef } from '../types';
import type { OlsParams } from './params';
import type { OlsResults } from './results';

export const claim: ClaimDef<OlsParams, OlsResults> = {
  figure: 'sgd-paths',
  tex: String.raw`\htmlData{term=C}{C}=\mathbb E\big[(I-\eta H_B)\,C\,(I-\eta H_B)\big]+\eta^2\,\mathbb E\big[b_Bb_B^{\top}\big]`,
  text: 'with label noise SGD settles into a cloud around β̂ whose spread grows with σ²; its exact covariance is C',
  source: 'Fig. 1',
  terms: {
    C: { color: colors.theory, label: 'C, the exact stationary covariance: the solid 1σ/2σ ellipses' },
  },
  // the exact solver stays out of the first load
  verdict: async (r, p) => (await import('./verdict')).stationaryVerdict(r, p),
};
