import { z } from 'zod';
import { finite, int, onOff } from '../../schema/numbers';

/**
 * Dong et al. Fig. 1 ("a good teacher may not produce a good student"): teachers trained for five
 * numbers of epochs (the paper: 40, 80, …, 200), a student distilled from each. The job's schema holds
 * every size; the page exposes a few keys (fig1Shape) and fixes the rest (fig1JobParams).
 */

/** The five teacher epoch counts: k/5 of the longest, as the paper's 40…200. */
export const teacherEpochList = (maxEpochs: number) =>
  [1, 2, 3, 4, 5].map((k) => Math.max(1, Math.round((maxEpochs * k) / 5)));

export const teacherEpochsSchema = z
  .object({
    /** the longest teacher; the others at 1/5 … 4/5 of it */
    maxEpochs: int(5, 200),
    /** softmax temperature of the teacher's targets */
    temperature: finite(0.5, 20),
    seeds: int(1, 4),
    teacherHidden: int(16, 512),
    studentHidden: int(4, 256),
    studentEpochs: int(1, 100),
    batchSize: int(8, 256),
    trainSize: int(100, 4000),
    testSize: int(100, 1000),
    seed: int(0, 2_147_483_647),
  })
  .superRefine((p, c) => {
    if (p.batchSize > p.trainSize)
      c.addIssue({
        code: 'custom',
        path: ['batchSize'],
        message: `batch size ${p.batchSize} exceeds the ${p.trainSize} training images`,
      });
  });
export type TeacherEpochsParams = z.infer<typeof teacherEpochsSchema>;

/** The page's keys (part of the NTK page's schema). */
export const fig1Shape = {
  /** run Fig. 1 after the NTK figures (it trains 5 teachers' worth of epochs and 6 students per seed) */
  fig1: onOff,
  fig1Epochs: int(5, 200),
  fig1Temperature: finite(0.5, 20),
  fig1Seeds: int(1, 4),
};
export const fig1Defaults = { fig1: 'off' as const, fig1Epochs: 40, fig1Temperature: 4, fig1Seeds: 2 };

/**
 * Fixed sizes: a wide teacher and a narrow student (the paper: WRN-28 → 5-layer CNN), sized so the page's
 * run takes about a minute on wasm.
 */
export const fig1Fixed = {
  teacherHidden: 256,
  studentHidden: 16,
  studentEpochs: 20,
  batchSize: 32,
  trainSize: 1000,
  testSize: 1000,
};

export function fig1JobParams(p: {
  fig1Epochs: number;
  fig1Temperature: number;
  fig1Seeds: number;
  seed: number;
}): TeacherEpochsParams {
  return {
    ...fig1Fixed,
    maxEpochs: p.fig1Epochs,
    temperature: p.fig1Temperature,
    seeds: p.fig1Seeds,
    seed: p.seed,
  };
}
