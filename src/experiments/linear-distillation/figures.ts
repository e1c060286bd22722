import { defineFigures } from '../types';

/** The panel's charts in page order (the panel takes each chart's `figureId` from here). */
export const { figures, fig } = defineFigures([
  {
    id: 'p-theta',
    title: 'Data geometry p(θ) (Fig. 1)',
    caption: 'The share of points beyond angle θ from w* for a κ-polynomial, a margin and a Gaussian task.',
  },
  {
    id: 'plane-kappa',
    title: 'Task A in the plane (Fig. 2)',
    caption:
      'A 2-D sample of the κ-polynomial task with w*, one transfer point x₁ and the student ŵ it gives.',
  },
  {
    id: 'plane-margin',
    title: 'Task B in the plane (Fig. 2)',
    caption: 'The same for the task with an angular margin: no point lies near the teacher’s boundary.',
  },
  {
    id: 'plane-gaussian',
    title: 'Task C in the plane (Fig. 2)',
    caption: 'The same for a Gaussian spread along the boundary, whose p(θ) falls slowly.',
  },
  {
    id: 'convergence-angle',
    title: 'Angle to w* during training (Theorem 1)',
    caption:
      'The angle between w(t) and w* under gradient descent, linear and deep student, against Theorem 1’s limit.',
  },
  {
    id: 'convergence-distance',
    title: 'Distance to ŵ during training (Theorems 1–2)',
    caption: 'The distance of w(t) to the projection ŵ of w* on the data span, relative to ‖ŵ‖.',
  },
  {
    id: 'convergence-picture',
    title: 'The runs in the plane',
    caption: 'The gradient-descent paths drawn in the plane (or an oblique 3-D view) of w*, ŵ and the data.',
  },
  {
    id: 'risk-vs-n',
    title: 'Risk against the transfer-set size n',
    caption:
      'The distillation student, a hard-label learner and w_δ against Theorem 3’s bound and its corollaries.',
  },
  {
    id: 'risk-vs-kappa',
    title: 'Risk against κ (Fig. 3)',
    caption: 'The distillation student’s risk over κ at the current d and n, with Theorem 3’s bound.',
  },
  {
    id: 'risk-vs-delta',
    title: 'Risk against the optimisation bias δ (Fig. 4)',
    caption:
      'The risk of w_δ, a minimiser of the same loss offset by δ from ŵ, on two Fashion-MNIST classes.',
  },
  {
    id: 'monotonicity',
    title: 'Risk against strong monotonicity (Fig. 5)',
    caption: 'Risk against the monotonicity index of each learner over many transfer sets, with 95 % bars.',
  },
] as const);
