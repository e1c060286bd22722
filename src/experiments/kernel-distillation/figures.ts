import { defineFigures } from '../types';

/** The panel's charts in page order (the panel takes each chart's `figureId` from here). */
export const { figures, fig } = defineFigures([
  {
    id: 'fig1-train-loss',
    title: 'No teacher vs student: training loss (Fig. 1)',
    caption: 'Training MSE of the teacher, the student without a teacher and the student with λ = 0.01.',
  },
  {
    id: 'fig1-test-loss',
    title: 'No teacher vs student: test loss (Fig. 1)',
    caption: 'Test MSE of the same three networks.',
  },
  {
    id: 'fig2-train-loss',
    title: 'The distillation weight λ: training loss (Fig. 2)',
    caption: 'Training MSE of students with λ → 0, λ = 0.01, λ → ∞ and the slider’s λ, beside the teacher.',
  },
  {
    id: 'fig2-test-loss',
    title: 'The distillation weight λ: test loss (Fig. 2)',
    caption: 'Test MSE of the same students and the teacher.',
  },
  {
    id: 'fig3-train-loss',
    title: 'Perfect vs imperfect teacher: training loss (Fig. 3)',
    caption:
      'Training MSE of students of the fully trained teacher, of an early teacher, and from a random start.',
  },
  {
    id: 'fig3-test-loss',
    title: 'Perfect vs imperfect teacher: test loss (Fig. 3)',
    caption: 'Test MSE of the same students and the teacher.',
  },
  {
    id: 'fig5-teacher-overlap',
    title: 'Overlap with H∞’s top eigenvectors: teachers (Fig. 5)',
    caption:
      'Histogram of each hidden unit’s overlap with the top eigenvectors of H∞ for the final, early and validated teacher.',
  },
  {
    id: 'fig5-student-overlap',
    title: 'Overlap with H∞’s top eigenvectors: students (Fig. 5)',
    caption: 'The same histogram for the students of the perfect and the imperfect teacher.',
  },
  {
    id: 'kernel-weights',
    title: 'Kernel weights μ* (eq. 17–18)',
    caption:
      'The weight of each of seven Gaussian kernels in the learned kernel, beside each kernel’s own alignment.',
  },
  {
    id: 'fig4-train-loss',
    title: 'Kernel embedding: training loss (Fig. 4a)',
    caption:
      'Training MSE of teacher and student on the raw inputs and on the Nyström embedding of the learned kernel.',
  },
  {
    id: 'fig4-test-loss',
    title: 'Kernel embedding: test loss (Fig. 4b)',
    caption: 'Test MSE of the same four networks.',
  },
  {
    id: 'fig6-teacher-overlap',
    title: 'Overlap, raw inputs vs embedding: teachers (Fig. 6)',
    caption: 'The overlap histogram of the teacher on the raw inputs and on the kernel embedding.',
  },
  {
    id: 'fig6-student-overlap',
    title: 'Overlap, raw inputs vs embedding: students (Fig. 6)',
    caption: 'The same for the student (λ = 0.01).',
  },
  {
    id: 'theorem1-f-infinity',
    title: 'Theorem 1: f against f_∞',
    caption: 'The live student’s trained outputs on the training points against Theorem 1’s limit f_∞.',
  },
  {
    id: 'theorem3-poles',
    title: 'Theorem 3: poles against the measured convergence',
    caption:
      'Every nonzero pole (eigenvalue of H̄), the slowest one, and the measured decay rate of ‖f − f_∞‖.',
  },
] as const);
