import { colors } from '../../charts/theme';
import type { ClaimDef } from '../types';
import type { NtkParams } from './params';
import type { NtkResults } from './results';

export const claim: ClaimDef<NtkParams, NtkResults> = {
  figure: 'clean-accuracy',
  tex: String.raw`\hat y_t=\htmlData{term=alpha}{\alpha_t}\,\htmlData{term=y}{y}+(1-\alpha_t)\,\htmlData{term=h}{h\big(f(x)\big)}`,
  text: 'training on its own early predictions keeps the network from memorising the flipped labels',
  source: 'Algorithm 1, Fig. 4',
  terms: {
    alpha: { color: '#777777', label: 'α_t, the weight of the given labels (Fig. 5)' },
    y: { color: colors.normalTraining, label: 'y, the noisy labels: all that normal training fits' },
    h: {
      color: colors.selfDistillation,
      label: 'h(f(x)), the network’s own predictions: Algorithm 1 mixes them in',
    },
  },
  // loaded with its first use, not in the page's first load
  verdict: async (r, p) => (await import('./verdict')).selfDistillVerdict(r, p),
};
