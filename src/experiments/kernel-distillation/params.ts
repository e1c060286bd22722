import { z } from 'zod';
import { finite, int } from '../../schema/numbers';

/** One schema for controls, URL, presets and the worker job. */
export const kdParamsSchema = z
  .object({
    data: z.enum(['synthetic', 'fashion']),
    /** training points (fashion: half from each class) */
    n: int(4, 800),
    /** input dimension of the synthetic set (fashion: 784) */
    d: int(2, 784),
    nTest: int(10, 1000),
    /** fraction of training labels flipped (test labels stay clean) */
    labelNoise: finite(0, 0.45),
    activation: z.enum(['tanh', 'relu']),
    /** the live student's λ */
    lambda: finite(1e-4, 1e2),
    teacherWidth: int(10, 400),
    studentWidth: int(2, 100),
    /** w ~ N(0, κ² I) */
    initScale: finite(1e-3, 1),
    /** η = stepScale / ((ā + λ) λ_max(XXᵀ)) per run */
    stepScale: finite(0.01, 1.9),
    teacherIterations: int(10, 100_000),
    studentIterations: int(10, 100_000),
    /** the imperfect teacher: its weights after this fraction of its training */
    imperfectAt: finite(0.001, 1),
    seed: int(0, 2 ** 31 - 1),
  })
  .superRefine((p, c) => {
    if (p.studentWidth > p.teacherWidth)
      c.addIssue({
        code: 'custom',
        path: ['studentWidth'],
        message: `the student (${p.studentWidth} units) samples the teacher's ${p.teacherWidth} units: it cannot be wider`,
      });
  });

export type KdParams = z.infer<typeof kdParamsSchema>;

/** SCIENCE.md's synthetic check: n = 40 < d = 60, tanh, m̄ = 100, m = 20, κ = 0.01, λ = 0.01. */
export const defaultParams: KdParams = {
  data: 'synthetic',
  n: 40,
  d: 60,
  nTest: 200,
  labelNoise: 0,
  activation: 'tanh',
  lambda: 0.01,
  teacherWidth: 100,
  studentWidth: 20,
  initScale: 0.01,
  stepScale: 0.5,
  teacherIterations: 2000,
  studentIterations: 2000,
  imperfectAt: 0.1,
  seed: 1,
};

const fig = (id: string, label: string, params: Partial<KdParams>) => ({ id, label, params });

export const presets = [
  fig('fig1', 'Figure 1 (Fashion 7 vs 9, λ = 0.01)', { data: 'fashion', n: 200, lambda: 0.01 }),
  fig('fig2', 'Figure 2 (λ → 0, 0.01, → ∞)', { data: 'fashion', n: 200, lambda: 1 }),
  fig('fig3', 'Figure 3 (perfect / imperfect teacher)', { data: 'fashion', n: 200, imperfectAt: 0.1 }),
  fig('theorem1', 'Theorem 1 holds (n = 40 ≤ d = 60)', { data: 'synthetic', n: 40, d: 60, lambda: 1 }),
  fig('nGtD', 'Theorem 1 fails (n = 40 > d = 10)', { data: 'synthetic', n: 40, d: 10, lambda: 1 }),
  fig('noisy', 'Label noise 30 % (does a teacher help? unchecked)', {
    data: 'synthetic',
    n: 100,
    d: 60,
    labelNoise: 0.3,
  }),
];
