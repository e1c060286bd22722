import { z } from 'zod';
import { finite, int, onOff } from '../../schema/numbers';

/** Fashion-MNIST subset: 400 training and 100 test images per class (classes 7 and 9). */
const fashionTrainRows = 800;
const fashionTestRows = 200;

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
    /** validation points (labels noised like the training labels), for early stopping */
    nVal: int(4, 400),
    /** the teacher the students learn from: its last weights, or those at its lowest validation MSE */
    teacherStop: z.enum(['end', 'validation']),
    /** Fig. 5/6: top eigenvectors of H∞ the overlap averages over */
    overlapTop: int(1, 50),
    /** Fig. 4/6: a second teacher and students on Nyström embeddings of the aligned kernel */
    embed: onOff,
    /** rank of the Nyström embedding (its landmarks are training points) */
    nystromRank: int(2, 800),
    seed: int(0, 2 ** 31 - 1),
  })
  .superRefine((p, c) => {
    if (p.studentWidth > p.teacherWidth)
      c.addIssue({
        code: 'custom',
        path: ['studentWidth'],
        message: `the student (${p.studentWidth} units) samples the teacher's ${p.teacherWidth} units: it cannot be wider`,
      });
    if (p.overlapTop > p.n)
      c.addIssue({
        code: 'custom',
        path: ['overlapTop'],
        message: `H∞ has n = ${p.n} eigenvectors: at most ${p.n} can be averaged over`,
      });
    if (p.nystromRank > p.n)
      c.addIssue({
        code: 'custom',
        path: ['nystromRank'],
        message: `the Nyström landmarks are training points: the rank is at most n = ${p.n}`,
      });
    if (p.data === 'fashion' && p.n + p.nVal > fashionTrainRows)
      c.addIssue({
        code: 'custom',
        path: ['nVal'],
        message: `Fashion-MNIST has ${fashionTrainRows} training images of classes 7 and 9: n + validation points must be ≤ ${fashionTrainRows}`,
      });
    if (p.data === 'fashion' && p.nTest > fashionTestRows)
      c.addIssue({
        code: 'custom',
        path: ['nTest'],
        message: `Fashion-MNIST has ${fashionTestRows} test images of classes 7 and 9`,
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
  nVal: 40,
  teacherStop: 'end',
  overlapTop: 10,
  embed: 'on',
  nystromRank: 20,
  seed: 1,
};

/** Presets apply over the current params: each sets every size a cross-field check compares. */
const fig = (id: string, label: string, params: Partial<KdParams>, cost?: string) => ({
  id,
  label,
  params: { nTest: 200, nVal: 40, overlapTop: 10, nystromRank: 20, ...params },
  ...(cost ? { cost } : {}),
});

export const presets = [
  fig('fig1', 'Figure 1 (Fashion 7 vs 9, λ = 0.01)', { data: 'fashion', n: 200, lambda: 0.01 }),
  fig('fig2', 'Figure 2 (λ → 0, 0.01, → ∞)', { data: 'fashion', n: 200, lambda: 1 }),
  fig('fig3', 'Figure 3 (perfect / imperfect teacher)', { data: 'fashion', n: 200, imperfectAt: 0.1 }),
  fig('fig4', 'Figure 4 (kernel embedding: losses)', {
    data: 'fashion',
    n: 200,
    embed: 'on',
    nystromRank: 100,
  }),
  fig('fig5', 'Figure 5 (overlap: perfect vs imperfect teacher)', {
    data: 'fashion',
    n: 200,
    imperfectAt: 0.1,
  }),
  fig('fig6', 'Figure 6 (overlap with the kernel embedding)', {
    data: 'fashion',
    n: 200,
    embed: 'on',
    nystromRank: 100,
  }),
  fig('theorem1', 'Theorem 1 holds (n = 40 ≤ d = 60)', { data: 'synthetic', n: 40, d: 60, lambda: 1 }),
  fig('nGtD', 'Theorem 1 fails (n = 40 > d = 10)', { data: 'synthetic', n: 40, d: 10, lambda: 1 }),
  fig('noisy', 'Label noise 20 %: a teacher helps (λ = 1, teacher stopped by validation)', {
    data: 'synthetic',
    n: 40,
    d: 60,
    labelNoise: 0.2,
    lambda: 1,
    teacherStop: 'validation',
  }),
  // Issue 19's paper-scale regime: the paper's Fashion-MNIST pair with label noise, at SCIENCE.md's n = 400.
  fig(
    'fashionNoisy',
    'Paper scale: Fashion 7 vs 9, n = 400, 20 % of labels flipped, 10⁴ iterations',
    {
      data: 'fashion',
      n: 400,
      nVal: 100,
      labelNoise: 0.2,
      lambda: 0.01,
      teacherIterations: 10_000,
      studentIterations: 10_000,
      teacherStop: 'validation',
      embed: 'off',
    },
    'Paper scale: 2 min 8 s on a 2-core laptop CPU (wasm), measured 2026-12-05; not yet timed on a GPU.',
  ),
];
