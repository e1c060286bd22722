import { z } from 'zod';
import { finite, int } from '../../schema/numbers';

/**
 * One schema for the page (controls, URL, presets) and one for the worker job, which takes the explicit
 * list of runs the page's sweep expands to (and the CLI builds from `noise` + `levels`).
 */

export const noiseKinds = ['gaussian', 'symmetric'] as const;
export type NoiseKind = (typeof noiseKinds)[number];

/** Ranges of the network and training keys, shared by the page, the job and the CLI. */
export const trainingShape = {
  seeds: int(1, 6),
  hidden: int(16, 256),
  epochs: int(1, 100),
  teacherEpochs: int(1, 50),
  lr: finite(1e-4, 0.5),
  batchSize: int(8, 256),
  trainSize: int(200, 4000),
  testSize: int(100, 1000),
  seed: int(0, 2_147_483_647),
};
export type TrainingParams = z.infer<z.ZodObject<typeof trainingShape>>;

/** The page's defaults: sized so a Gaussian sweep of 4 levels × 2 seeds runs in ~2 min on tfjs-cpu. */
export const defaultTraining: TrainingParams = {
  seeds: 2,
  hidden: 64,
  epochs: 15,
  teacherEpochs: 10,
  lr: 0.01,
  batchSize: 32,
  trainSize: 2000,
  testSize: 1000,
  seed: 1,
};

/** A batch size above the training split (80% of trainSize) is refused, naming both. */
export const batchFits = (p: { batchSize: number; trainSize: number }, c: z.RefinementCtx) => {
  const n = trainSplitSize(p.trainSize);
  if (p.batchSize > n)
    c.addIssue({
      code: 'custom',
      path: ['batchSize'],
      message: `batch size ${p.batchSize} exceeds the training split (${n} of ${p.trainSize} images)`,
    });
};

/** The paper holds out 20% of the training set for validation (model selection). */
export const trainSplitSize = (trainSize: number) => Math.round(trainSize * 0.8);

const run = z.object({
  noise: z.enum(noiseKinds, { error: "must be 'gaussian' or 'symmetric'" }),
  /** σ² (Gaussian) or p (symmetric); 0 is noiseless self-distillation */
  level: finite(0, 100),
});
export type RunSpec = z.infer<typeof run>;

export const jobSchema = z
  .object({ ...trainingShape, runs: z.array(run).min(1).max(16) })
  .superRefine((p, c) => {
    batchFits(p, c);
    p.runs.forEach((r, i) => {
      if (r.noise === 'symmetric' && r.level > 1)
        c.addIssue({
          code: 'custom',
          path: ['runs', i, 'level'],
          message: 'a swap probability p must be ≤ 1',
        });
    });
  });
export type JobParams = z.infer<typeof jobSchema>;

export const pageSchema = z
  .object({
    ...trainingShape,
    noise: z.enum(['gaussian', 'symmetric', 'both'], { error: "must be 'gaussian', 'symmetric' or 'both'" }),
    /** the largest σ² of the sweep */
    sigma2: finite(0.01, 10),
    /** the largest p of the sweep */
    p: finite(0.01, 1),
    /** noisy levels per kind (the noiseless baseline is always added) */
    levels: int(1, 6),
  })
  .superRefine(batchFits);
export type PageParams = z.infer<typeof pageSchema>;

export const defaultParams: PageParams = {
  ...defaultTraining,
  noise: 'gaussian',
  sigma2: 8,
  p: 0.5,
  levels: 3,
};

/** σ² levels: geometric with ratio 4 ending at σ²max (σ²max = 8, 3 levels: 0.5, 2, 8). */
const gaussianLevels = (max: number, k: number) =>
  Array.from({ length: k }, (_, i) => max / 4 ** (k - 1 - i));
/** p levels: evenly spaced up to p_max. */
const symmetricLevels = (max: number, k: number) => Array.from({ length: k }, (_, i) => (max * (i + 1)) / k);

/** The runs of the page's sweep: the noiseless baseline first, then each kind's levels. */
export function runsOf(p: PageParams): RunSpec[] {
  const runs: RunSpec[] = [{ noise: p.noise === 'symmetric' ? 'symmetric' : 'gaussian', level: 0 }];
  if (p.noise !== 'symmetric')
    runs.push(...gaussianLevels(p.sigma2, p.levels).map((level) => ({ noise: 'gaussian' as const, level })));
  if (p.noise !== 'gaussian')
    runs.push(...symmetricLevels(p.p, p.levels).map((level) => ({ noise: 'symmetric' as const, level })));
  return runs;
}

export function jobParams(p: PageParams): JobParams {
  const { seeds, hidden, epochs, teacherEpochs, lr, batchSize, trainSize, testSize, seed } = p;
  return { seeds, hidden, epochs, teacherEpochs, lr, batchSize, trainSize, testSize, seed, runs: runsOf(p) };
}

export const presets: { id: string; label: string; params: Partial<PageParams> }[] = [
  { id: 'fig2-gaussian', label: 'Figure 2 (Gaussian)', params: { noise: 'gaussian', sigma2: 8, levels: 3 } },
  { id: 'fig2-symmetric', label: 'Figure 2 (symmetric)', params: { noise: 'symmetric', p: 0.5, levels: 3 } },
  // Fig. 3: none / symmetric / Gaussian, one level each, trained longer so the loss curves separate.
  { id: 'fig3', label: 'Figure 3', params: { noise: 'both', sigma2: 2, p: 0.3, levels: 1, epochs: 30 } },
];
