import type { TourStep } from '../types';
import type { NtkParams } from './params';
import type { NtkResults } from './results';

/**
 * The guided tour: the kernel, where the labels and the noise live in it, normal training against
 * Algorithm 1 (Fig. 4–5), then the α rule's trap on two classes and Fig. 1, which does not reproduce here.
 */
export const tour: readonly TourStep<NtkParams, NtkResults>[] = [
  {
    title: 'The kernel gradient descent sees',
    text: 'The solid line is the spectrum of H∞, the neural tangent kernel of an infinitely wide network on these inputs; the dashed one is the live network’s at initialisation. A few eigenvalues, about one per cluster, stand far above the rest. Gradient descent fits the label components along those top directions first.',
    figure: 'ntk-spectrum',
    preset: 'fig2',
    waitFor: { label: 'the NTK spectrum is computed', reached: (r) => r.spectrumInit !== null },
  },
  {
    title: 'Wider networks, closer to H∞',
    text: 'The distance of the empirical NTK at initialisation from H∞, relative to H∞, at growing widths k. It falls roughly like the dashed 1/√k line: at the width used here the live network’s kernel is within a few per cent of the infinite-width one, so H∞’s eigenvectors describe its training.',
    figure: 'ntk-width',
    waitFor: { label: 'the width sweep has run', reached: (r) => r.width !== null },
  },
  {
    title: 'Noise lives outside the top eigenspace (Fig. 2)',
    text: 'For clean labels almost all of the label vector lies in the top-5 eigenspace of H∞; every flipped label moves some of it into the small eigen-directions. The share falls steadily as the flip probability ρ grows; the marker is this run’s ρ. Drag ρ and the marker follows the curve.',
    figure: 'label-share',
    waitFor: { label: 'Fig. 2’s draws are done', reached: (r) => r.fig2 !== null },
  },
  {
    title: 'Each eigen-direction on its own clock',
    text: 'The residual of normal training along each top eigenvector of H∞ (solid), against (1 − ηλ_i)^t (dashed). The top direction is fitted within a few steps, smaller ones later, at the rate their eigenvalue sets: this is anisotropic information retrieval.',
    figure: 'air-residuals',
    waitFor: { label: 'training has run', reached: (r) => r.done !== null },
  },
  {
    title: 'Clean signal first, noise last',
    text: 'How much of the clean labels, and how much of the label noise, normal training has fitted so far; dashed is the linearised prediction from H∞. The clean part is fitted early and the noise only slowly, late in training. Stopping early would keep the first and leave the second: the dark knowledge of the paper’s title.',
    figure: 'air-clean-vs-noise',
    waitFor: { label: 'training has run', reached: (r) => r.done !== null },
  },
  {
    title: 'Who teaches whom (Fig. 3)',
    text: 'MentorNet needs a second network to weight the samples, and Co-teaching two networks that pick samples for each other, so one network’s mistakes reach the other. Algorithm 1 has one network, whose target mixes the labels with its own predictions. The outlined box holds this page’s h, λ and α rule, and α_t as the run goes.',
    figure: 'training-loss',
    preset: 'fig4',
    schematic: true,
  },
  {
    title: 'Normal training against Algorithm 1 (Fig. 4)',
    text: 'Both runs start from the same weights, on labels flipped with probability ρ = 0.27. Normal training’s accuracy on the clean labels peaks early, then falls as it memorises the flips; Algorithm 1 learns from its own predictions and stays high. The table below the charts gives the final numbers.',
    figure: 'clean-accuracy',
    focus: 'present',
    preset: 'fig4',
    waitFor: { label: 'both runs have trained', reached: (r) => r.done !== null },
  },
  {
    title: 'The targets gain information (Fig. 5)',
    text: 'The share of Algorithm 1’s targets ŷ_t in the top-k eigenspace, minus that of the noisy labels: it grows above 0 as the network’s predictions replace the labels. The dashed α_t is the weight left on the labels; it falls once the predictions beat chance.',
    figure: 'information-gain',
    waitFor: { label: 'both runs have trained', reached: (r) => r.done !== null },
  },
  {
    title: 'The paper’s α rule on two classes',
    text: 'The same run with the paper’s rule 1 − α_t = λ·acc. On two classes the random start is already right half the time, so α_t drops to about ½ at step 0 and the network keeps learning its own random predictions: self-distillation’s clean accuracy now ends far below the default rule’s. The page defaults to a rule that subtracts the chance level 1/C.',
    figure: 'clean-accuracy',
    preset: 'trap',
    waitFor: { label: 'both runs have trained', reached: (r) => r.done !== null },
  },
  {
    title: 'A good teacher, a better student? (Fig. 1)',
    text: 'Five snapshots of one MLP teacher, each distilled into a small student. The paper finds that an earlier teacher makes the better student. The verdict line under the chart says which student is best here: ✘ means the longest-trained teacher’s, as the lab measured at this scale, where the early teachers’ targets are nearly uniform (the table’s target entropy).',
    figure: 'teacher-epochs',
    focus: 'present',
    preset: 'fig1',
    // Fig. 1 trains after the NTK figures: a smaller NTK run gets to it sooner.
    params: { width: 512, iterations: 200 },
    waitFor: { label: 'the Fig. 1 students have trained', reached: (r) => r.fig1.students !== null },
  },
];
