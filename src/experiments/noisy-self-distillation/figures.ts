import { defineFigures } from '../types';

/** The panel's charts in page order (the panel takes each chart's `figureId` from here). */
export const { figures, fig } = defineFigures([
  {
    id: 'fig2-gradient-norm-gaussian',
    title: 'Gradient norm against σ² (Fig. 2a, Gaussian noise)',
    caption:
      'The students’ mean ‖∇θ f‖² over the training split against the Gaussian noise level σ², mean ± sd over seeds.',
  },
  {
    id: 'fig2-accuracy-gaussian',
    title: 'Accuracy against σ² (Fig. 2b, Gaussian noise)',
    caption:
      'Validation and test accuracy of the students against σ², the noiseless student and the teacher, with validation’s pick.',
  },
  {
    id: 'fig2-gradient-norm-symmetric',
    title: 'Gradient norm against p (Fig. 2a, symmetric swaps)',
    caption: 'The same gradient norm against the swap probability p of symmetric noise.',
  },
  {
    id: 'fig2-accuracy-symmetric',
    title: 'Accuracy against p (Fig. 2b, symmetric swaps)',
    caption:
      'Validation and test accuracy against p, the noiseless student and the teacher, with validation’s pick.',
  },
  {
    id: 'fig3-loss',
    title: 'Distillation loss over training (Fig. 3)',
    caption: 'Training and test loss ½‖f − f_teacher‖² of each noise level over the epochs.',
  },
  {
    id: 'gradient-norm-over-training',
    title: 'Gradient norm over training',
    caption: 'The measured ‖∇θ f‖² of each noise level over the epochs.',
  },
  {
    id: 'eq16-strength',
    title: 'eq. (16) strength over training',
    caption: 'The implicit-regulariser strength ησ²/(BN)·Σ‖∇θ f‖² of each noisy level over the epochs.',
  },
  {
    id: 'teacher-training',
    title: 'The teacher’s training',
    caption:
      'The teacher’s cross-entropy over its epochs, live: what runs before the first student point of Fig. 2.',
  },
] as const);
