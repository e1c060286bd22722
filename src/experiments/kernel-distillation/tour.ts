import type { TourStep } from '../types';
import type { KdParams } from './params';
import type { KdResults } from './results';

const trained = {
  label: 'the teacher and the students have trained',
  reached: (r: KdResults) => r.done !== null,
};

/**
 * The guided tour: on clean labels (the defaults) the teacher gives a head start but no better test loss;
 * Theorems 1 and 3 where they hold and where they fail; then 20 % flipped labels, where a teacher helps,
 * and early stopping, which helps more.
 */
export const tour: readonly TourStep<KdParams, KdResults>[] = [
  {
    title: 'A head start from the teacher (Fig. 1)',
    text: 'Training loss of the teacher, of a student built from 20 of its units (λ = 0.01) and of the same small network trained without a teacher (dashed), on clean labels. The student starts far lower, since its units come from the teacher, but both are fitted within a few iterations: “converges faster” is a step or two here.',
    figure: 'fig1-train-loss',
    params: { labelNoise: 0 },
    schematic: true,
    waitFor: trained,
  },
  {
    title: 'Clean labels: no better on test',
    text: 'The paper’s claim is a lower test loss with a teacher. On clean labels it does not show: the student ends at about the no-teacher network’s test MSE (0.0170 against 0.0161 at these settings, as the note at the bottom says), and the table there gives every network’s number.',
    figure: 'fig1-test-loss',
    focus: 'present',
    waitFor: trained,
  },
  {
    title: 'The distillation weight λ (Fig. 2)',
    text: 'Students with λ → 0, λ = 0.01, λ → ∞ and the slider’s λ. λ → ∞ only copies the teacher’s features and ends about twenty times higher on test than λ = 0.01; λ → 0 ends level with λ = 0.01, so no interior best λ shows on clean labels. Drag λ and watch the slider’s curve move between them.',
    figure: 'fig2-test-loss',
    waitFor: trained,
  },
  {
    title: 'Theorem 1 holds when n ≤ d',
    text: 'Theorem 1 predicts the student’s trained outputs f_∞, a mix of the labels and the teacher’s features. With n = 40 points in d = 60 dimensions the points sit on the diagonal f = f_∞, and the relative error under the chart is tiny.',
    figure: 'theorem1-f-infinity',
    focus: 'present',
    preset: 'theorem1',
    waitFor: trained,
  },
  {
    title: 'Theorem 3: the poles set the speed',
    text: 'Theorem 3’s poles are the eigenvalues of H̄: each one a rate at which ‖f − f_∞‖ decays along its direction. The dashed line is the slowest nonzero pole, the dotted one the decay rate measured over the second half of the run. When the kernel regime holds, the measured rate lies at or above the slowest pole.',
    figure: 'theorem3-poles',
    waitFor: trained,
  },
  {
    title: 'Theorem 1 fails when n > d',
    text: 'Now n = 40 points in d = 10 dimensions. Each H_k has rank at most d, so many poles are exactly 0 and the student cannot move along those directions: the points leave the diagonal and the relative error stays large. The page flags this as outside Theorem 1’s assumptions.',
    figure: 'theorem1-f-infinity',
    preset: 'nGtD',
    waitFor: trained,
  },
  {
    title: 'With 20 % flipped labels a teacher helps',
    text: 'Now 20 % of the training labels are flipped, the teacher is stopped at its lowest validation MSE, and the slider’s student uses λ = 1. It ends far below the no-teacher network, which fits the flipped labels: the verdict line under the table says “the teacher helps”, with both test MSEs.',
    figure: 'fig2-test-loss',
    preset: 'noisy',
    waitFor: trained,
  },
  {
    title: 'Early stopping does better still',
    text: 'The dashed no-teacher curve dips before it climbs. Stopped at its lowest validation MSE (the table’s last column) it beats every distilled student’s final test MSE (the note’s means over seeds 1–3: 0.29 against 0.72 for λ = 1). Here the teacher passes on the benefit of early stopping, and no more.',
    figure: 'fig1-test-loss',
    focus: 'present',
    waitFor: trained,
  },
];
