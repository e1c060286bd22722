import type { TourStep } from '../types';
import type { LinearParams } from './params';
import type { LinearResults } from './results';

const converged = { label: 'gradient descent has run', reached: (r: LinearResults) => r.convergence.done };

/**
 * The guided tour: the data geometry, what the student converges to (Theorems 1–2), how fast it learns
 * (risk against n with Theorem 3), the three factors of Fig. 3–5, and how loose the bound is against κ.
 */
export const tour: readonly TourStep<LinearParams, LinearResults>[] = [
  {
    title: 'Where the data lie: p(θ)',
    text: 'Every input x lies at some angle from the teacher’s weights w*; p(θ) is the share of inputs beyond angle θ, so its value near 90° counts the hard points close to the teacher’s boundary. Drag κ: a larger κ empties the region near the boundary, and the margin task B has no point within its margin at all.',
    figure: 'p-theta',
    preset: 'fig1',
    schematic: true,
  },
  {
    title: 'The student learns a projection',
    text: 'Two transfer points in three dimensions. Gradient descent on the soft labels, from w = 0, walks to ŵ, the projection of w* on the plane the two points span, and not to w* itself: nothing in the loss points out of that plane. One more point would give n = d and ŵ = w* (Theorem 1).',
    figure: 'convergence-picture',
    focus: 'present',
    preset: 'theorem1',
    params: { d: 3, n: 2 },
    waitFor: converged,
  },
  {
    title: 'The angle stops where Theorem 1 says',
    text: 'Now d = 30 and n = 8. The angle between the student w(t) and w* falls, then settles on the dashed line: Theorem 1’s angle between ŵ and w*, not 0. The deep linear student (N = 3), started small, heads for the same angle.',
    figure: 'convergence-angle',
    preset: 'theorem1',
    waitFor: converged,
  },
  {
    title: 'How close, and what depth leaves behind',
    text: 'The distance to ŵ relative to ‖ŵ‖, on a log scale: the linear student closes in on ŵ steadily (the note below gives how close it got). The deep student keeps a small part outside the data span, which eq. (66) predicts (dotted) and Theorem 2 bounds (dashed).',
    figure: 'convergence-distance',
    waitFor: converged,
  },
  {
    title: 'Soft labels teach faster than hard ones',
    text: 'The risk P[sign(wᵀx) ≠ sign(w*ᵀx)] against the number n of transfer points, on a task with a 10° margin in d = 50. With the same optimiser, the learner on hard labels has the higher risk at every small n, by the factor the note gives. Theorem 3’s bound (dashed) lies far above every measured curve: it holds, but is far from tight.',
    figure: 'risk-vs-n',
    focus: 'present',
    preset: 'riskN',
    waitFor: { label: 'the risk against n is measured', reached: (r) => r.riskVsN?.done === true },
  },
  {
    title: 'Optimisation bias on real images (Fig. 4)',
    text: 'Two Fashion-MNIST classes: w_δ fits the transfer set exactly as well as the gradient-descent student ŵ, but δ pushes it out of the span of the data. Its risk rises with δ (the note gives δ = 0 and δ = 90): gradient descent’s preference for the span is part of why distillation works. Drag the δ marker.',
    figure: 'risk-vs-delta',
    preset: 'fig4',
    waitFor: {
      label: 'the Fashion-MNIST students are trained',
      reached: (r) => r.fashion?.status === 'done',
    },
  },
  {
    title: 'One more point should not hurt (Fig. 5)',
    text: 'Over 1000 transfer sets: does one more point bring the student closer to w*? Theorem 1’s limit always does (index 1) and gradient descent nearly always; the hard-label learner far less often, at several times the risk. Larger δ, less of gradient descent’s bias, moves w_δ left and up.',
    figure: 'monotonicity',
    preset: 'fig5',
    waitFor: { label: 'the batched students are trained', reached: (r) => r.monotonicity?.learners != null },
  },
  {
    title: 'The bound against κ, however loose (Fig. 3)',
    text: 'The paper’s key picture, at d = 1000 and n = 20: the student’s risk falls steeply as κ grows, from about 0.02 at κ = 0.5 to 0.0003 at κ = 1. Theorem 3’s bound falls too, but stays more than 20 times above the measured risk from κ = 0.5 on. The page draws it however loose: it gets the direction right, not the size.',
    figure: 'risk-vs-kappa',
    focus: 'present',
    preset: 'fig3',
    waitFor: { label: 'the κ sweep is measured', reached: (r) => r.kappa?.done === true },
  },
];
