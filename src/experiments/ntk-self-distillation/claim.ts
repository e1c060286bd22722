import type { ClaimDef } from '../types';
import type { NtkParams } from './params';
import type { NtkResults } from './results';

export const claim: ClaimDef<NtkParams, NtkResults> = {
  figure: 'clean-accuracy',
  tex: String.raw`\hat y_t=\alpha_t\,y+(1-\alpha_t)\,h\big(f(x)\big)`,
  text: 'training on its own early predictions keeps the network from memorising the flipped labels',
  source: 'Algorithm 1, Fig. 4',
  // loaded with its first use, not in the page's first load
  verdict: async (r, p) => (await import('./verdict')).selfDistillVerdict(r, p),
};
