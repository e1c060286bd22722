import type { TourStep } from '../types';
import type { PageParams } from './params';
import type { NoisyResults } from './results';

const sweepDone = {
  label: 'the teacher and every student have trained',
  reached: (r: NoisyResults) => r.done !== null,
};

/**
 * The guided tour: what Fig. 2 measures, the level validation picks, the curves over training (Fig. 3,
 * eq. 16), symmetric swaps, and where the claim stops holding at this scale (η = 0.05).
 */
export const tour: readonly TourStep<PageParams, NoisyResults>[] = [
  {
    title: 'Teacher, noise, students',
    text: 'A teacher MLP trains on the labels; its logits, plus fresh noise at every SGD step, are the students’ targets. The arrow carries this sweep’s levels, σ² = 0.5, 2 and 8 beside the noiseless 0, and its dashes run while the students train.',
    figure: 'fig2-gradient-norm-gaussian',
    preset: 'fig2-gaussian',
    schematic: true,
  },
  {
    title: 'What is measured (Fig. 2a)',
    text: 'A teacher MLP trains first; then students learn its logits plus fresh Gaussian noise N(0, σ²I), at σ² = 0, 0.5, 2 and 8, all as one batched program. This chart is their gradient norm ‖∇θ f‖², averaged over the training split, against σ². At these defaults it falls at every level, as the verdict line below says: the paper’s claim holds here.',
    figure: 'fig2-gradient-norm-gaussian',
    focus: 'present',
    preset: 'fig2-gaussian',
    waitFor: sweepDone,
  },
  {
    title: 'The level validation picks (Fig. 2b)',
    text: 'Validation and test accuracy of the students against σ², with the noiseless student (dashed) and the teacher (dotted). The marker is the level with the best validation accuracy, the paper’s way to choose σ². The verdict line gives its test accuracy beside the noiseless student’s: whether a little noise helps is read there, not assumed.',
    figure: 'fig2-accuracy-gaussian',
    waitFor: sweepDone,
  },
  {
    title: 'The gradient norms part during training',
    text: 'The measured ‖∇θ f‖² of every level, epoch by epoch. All students start from the same initialisation, so the curves start together at epoch 0; by the last epoch they are ordered by the noise, the noisiest lowest. Fig. 2a is that last epoch.',
    figure: 'gradient-norm-over-training',
    waitFor: sweepDone,
  },
  {
    title: 'Distance to the teacher (Fig. 3)',
    text: 'One Gaussian and one symmetric level beside the noiseless student, trained for 30 epochs: ½‖f − f_teacher‖² on the training split (solid) and the test set (dashed). The gap between a noisy level and “none” is what the noise costs in fitting the teacher’s logits.',
    figure: 'fig3-loss',
    preset: 'fig3',
    waitFor: sweepDone,
  },
  {
    title: 'Eq. (16) in a network',
    text: 'The implicit-regulariser strength ησ²/(BN)·Σ‖∇θ f‖² of each noisy level over training; for swaps, σ² is the variance they add (σ²_eff in the legend). In least squares this was one fixed number; in a network ∇θ f depends on θ, so the same term pushes SGD towards weights where ‖∇θ f‖² is small.',
    figure: 'eq16-strength',
    waitFor: sweepDone,
  },
  {
    title: 'Symmetric swaps lower it too',
    text: 'Now the noise swaps each logit for another with probability p = 1/6, 1/3 and 1/2. Does the gradient norm fall with p as it fell with σ²? The verdict line answers with the numbers, and the accuracy chart beside it shows what the swaps cost.',
    figure: 'fig2-gradient-norm-symmetric',
    preset: 'fig2-symmetric',
    waitFor: sweepDone,
  },
  {
    title: 'Where the claim breaks: η = 0.05',
    text: 'The same sweep with the students’ learning rate η raised from 0.01 to 0.05. On this teacher’s large logits the students’ ReLUs die: at every σ² the gradient norm ends near L = 10 (the ten output biases) and accuracy at chance, as the note above the charts says. The sweep then says nothing about the noise: the claim holds at this scale only for a small enough η.',
    figure: 'fig2-gradient-norm-gaussian',
    focus: 'present',
    preset: 'fig2-gaussian',
    params: { lr: 0.05 },
    waitFor: sweepDone,
  },
];
