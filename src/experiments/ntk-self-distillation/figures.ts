import { defineFigures } from '../types';

/** The panel's charts in page order (the panel takes each chart's `figureId` from here). */
export const { figures, fig } = defineFigures([
  {
    id: 'ntk-spectrum',
    title: 'NTK spectrum',
    caption:
      'Eigenvalues of the infinite-width H∞ against the live network’s empirical NTK, at init and after training.',
  },
  {
    id: 'ntk-width',
    title: 'Empirical NTK → H∞ with width',
    caption:
      'Relative Frobenius distance of the empirical NTK at init from H∞ as the width grows, against 1/√k.',
  },
  {
    id: 'label-share',
    title: 'Label share in the top-k eigenspace (Fig. 2)',
    caption:
      'The share of the labels in H∞’s top-k eigenspace against the noise level, over draws, with the current labels marked.',
  },
  {
    id: 'air-residuals',
    title: 'AIR: residuals along the top eigenvectors',
    caption:
      'The residual along each top eigenvector of H∞ during normal training against its (1 − ηλ_i)^t decay.',
  },
  {
    id: 'air-clean-vs-noise',
    title: 'AIR: clean signal first, noise last',
    caption:
      'The fraction of the clean labels and of the label noise fitted by normal training, measured and linearised.',
  },
  {
    id: 'training-loss',
    title: 'Training loss (Fig. 4)',
    caption:
      'Loss on the noisy labels: normal training against self-distillation from the same initialisation.',
  },
  {
    id: 'clean-accuracy',
    title: 'Clean-label accuracy (Fig. 4)',
    caption: 'Accuracy on the clean training labels: normal training against self-distillation.',
  },
  {
    id: 'l2-to-clean',
    title: 'ℓ2 distance to the clean labels (Fig. 4)',
    caption: 'How far the outputs are from the clean labels: normal training against self-distillation.',
  },
  {
    id: 'test-accuracy',
    title: 'Test accuracy (Fig. 4)',
    caption: 'Test accuracy of normal training against self-distillation.',
  },
  {
    id: 'information-gain',
    title: 'Self-distillation gains information (Fig. 5)',
    caption: 'The top-k share of the self-distillation targets minus that of the labels, over α_t.',
  },
  {
    id: 'teacher-epochs',
    title: 'Teacher epochs → student (Fig. 1)',
    caption:
      'Test accuracy of teachers trained for k/5 of the epochs and of the student distilled from each.',
  },
] as const);
