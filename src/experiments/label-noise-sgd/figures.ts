import { defineFigures } from '../types';

/** The panel's charts in page order (the panel takes each chart's `figureId` from here). */
export const { figures, fig } = defineFigures([
  {
    id: 'sgd-paths',
    title: 'SGD paths and the stationary cloud (Fig. 1)',
    caption:
      'Per panel of the paper’s grid: SGD with and without label noise, the parallel chains, and the exact stationary 1σ/2σ ellipses against the continuous-time 2σ one.',
  },
  {
    id: 'eq16-strength',
    title: 'eq. (16) strength',
    caption:
      'The implicit-regulariser strength ησ²/(BN)·Σ‖∇β f‖² against σ², η or B, with this setting marked.',
  },
  {
    id: 'eq16-spread',
    title: 'The spread it sets',
    caption: 'tr Cov(β) of the stationary chains against the same axis: exact, continuous-time and measured.',
  },
  {
    id: 'eq16-gradient-norms',
    title: 'Gradient norms',
    caption:
      'The mean squared loss gradient at the spread-out β (exact and from the chains) beside ‖∇β f‖² = ‖x‖².',
  },
  {
    id: 'chains-spread',
    title: 'Spread of the chains against chain step',
    caption:
      'tr Cov(β_t) of the chains step by step against the exact transient (and the continuous-time level).',
  },
] as const);
