import type { TourStep } from '../types';
import type { OlsParams } from './params';
import type { OlsResults } from './results';

/** The chains have run long enough to sit at their stationary spread (the transient lasts tens of steps). */
const chainsSettled = (r: OlsResults) => r.done || r.panels.every((p) => p.chainStep >= 1000);

/**
 * The guided tour: the two paths, the exact stationary covariance over the cloud of chains, eq. (16), and
 * where the paper's continuous-time picture ησ²/(2B)·I fails: large η, and an anisotropic Σ.
 */
export const tour: readonly TourStep<OlsParams, OlsResults>[] = [
  {
    title: 'Two SGD paths from one start',
    text: 'Both paths take the same batches; only the labels differ. The path on noiseless labels converges to β* (the cross) exactly, while the path with label noise keeps jittering around β̂ (the star): the least-squares solution of the noisy labels, not β*.',
    figure: 'sgd-paths',
    preset: 'single',
    params: { view: 'full' },
  },
  {
    title: 'The cloud and its exact covariance',
    text: 'Zoomed on β̂: the orange cloud is 10,000 independent SGD chains, and the solid ellipses are the exact stationary covariance of the SGD iteration (1σ and 2σ), solved in closed form. The chains’ own 2σ ellipse (dotted) lies on the exact one. Here, with Σ = 20·I, the paper’s continuous-time circle (dashed) agrees too.',
    figure: 'sgd-paths',
    focus: 'present',
    preset: 'single',
    waitFor: { label: 'the chains have settled', reached: chainsSettled },
  },
  {
    title: 'How fast the chains settle',
    text: 'The spread of the chains, tr Cov(β_t), step by step, against the exact transient (dashed). All chains start at one point far from β̂: their first steps scatter them widely, then the spread shrinks to its stationary level within about 40 steps. The measured curve follows the exact one.',
    figure: 'chains-spread',
    waitFor: { label: 'the chains have settled', reached: chainsSettled },
  },
  {
    title: 'Four noise levels (Fig. 1a–d)',
    text: 'The paper’s first row: σ² = 0.25, 0.5, 1 and 2, all with Σ = 20·I. The cloud and the exact ellipse grow with σ², and for this isotropic Σ the dashed continuous-time circle sits on them. Drag σ²: it sets panel (a), the others stay at 2, 4 and 8 times it.',
    figure: 'sgd-paths',
    preset: 'fig1a-d',
    waitFor: { label: 'the chains have settled', reached: chainsSettled },
  },
  {
    title: 'What eq. (16) can do in least squares',
    text: 'Eq. (16) says label noise adds an implicit regulariser of strength ησ²/(BN)·Σ‖∇β f‖². For least squares ∇β f = x does not depend on β, so this strength is one number for the whole run: it cannot steer SGD anywhere, only set how far the chains spread around β̂.',
    figure: 'eq16-strength',
  },
  {
    title: 'Where continuous time breaks: large η',
    text: 'The same spread against η: solid is exact, dotted the continuous-time d·ησ²/(2B). They agree for small η, but the exact spread bends upwards to six times the dotted value at η ≈ 0.06, and stops where ρ ≥ 1 (η ≈ 0.073 here): there SGD diverges in mean square. The dotted line never notices.',
    figure: 'eq16-spread',
    preset: 'single',
    params: { sweep: 'eta' },
  },
  {
    title: 'The anisotropy the dashed circle misses (Fig. 1e–h)',
    text: 'Four input covariances Σ at σ² = 0.5. The dashed circle ησ²/(2B)·I is the same in every panel; the exact ellipse is not. In (g) and (h) its variance along the input direction of variance 100 is twice the other, and for Σ = 100·I both are about 2.6 times the circle’s (the table). Drag σ² to 2: cloud and ellipses grow together, the shapes stay.',
    figure: 'sgd-paths',
    focus: 'present',
    preset: 'fig1e-h',
    waitFor: { label: 'the chains have settled', reached: chainsSettled },
  },
];
