import { defineFigures } from '../types';

/** The panel's charts in page order (the panel takes each chart's `figureId` from here). */
export const { figures, fig } = defineFigures([
  {
    id: 'green-function',
    title: 'The spline Green’s function (Fig. 2a)',
    caption: 'g(x, t) of the ∫f″² regulariser at a draggable t: zero at x = 0 and 1 for every t.',
  },
  {
    id: 'round-fits',
    title: 'Data and the fit of every round (Fig. 2b–c)',
    caption: 'The training points, the underlying function and the fit f_t of each self-distillation round.',
  },
  {
    id: 'b-diagonal',
    title: 'Diagonal of B_t per round (Fig. 3)',
    caption: 'B_t = ∏ A_i along each eigen-direction, round by round, with Prop. 5’s bound from the top bar.',
  },
  {
    id: 'collapse',
    title: '‖y_t‖²/K against ε',
    caption: 'The squared norm of each round’s targets falling to ε, where the solution collapses to 0.',
  },
  {
    id: 'network-rounds',
    title: 'Network accuracy per round (Fig. 4)',
    caption:
      'Training accuracy on the original labels and test accuracy of an MLP over self-distillation rounds.',
  },
  {
    id: 'early-stopping',
    title: 'Self-distillation vs early stopping (Fig. 6)',
    caption: 'Test accuracy of each round against a network trained from scratch to the same training loss.',
  },
] as const);
