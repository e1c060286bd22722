import { z } from 'zod';
import { finite } from '../../schema/numbers';
import { batchFits, defaultTraining, noiseKinds, trainingShape } from './params';

/** `lab noisy-distill` input: noise, levels and the page's network/training keys (page defaults). */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const commandDefaults = { noise: 'gaussian' as const, levels: [0, 0.5, 2, 8], ...defaultTraining };

const inputObject = z
  .object({
    noise: z.enum(noiseKinds, { error: "must be 'gaussian' or 'symmetric'" }),
    /** σ² (gaussian) or p (symmetric) values */
    levels: z.array(finite(0, 100)).min(1).max(16),
    ...trainingShape,
  })
  .superRefine((p, c) => {
    batchFits(p, c);
    if (p.noise === 'symmetric' && p.levels.some((l) => l > 1))
      c.addIssue({ code: 'custom', path: ['levels'], message: 'a swap probability p must be ≤ 1' });
  });

export const commandSchema = z.preprocess(
  (v) => (isObject(v) ? { ...commandDefaults, ...v } : v),
  inputObject,
);
export type CommandInput = z.infer<typeof inputObject>;
