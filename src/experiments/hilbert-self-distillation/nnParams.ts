import { z } from 'zod';
import { finite, int } from '../../schema/numbers';

/**
 * Params of the network job (rounds of self-distillation of an MLP on Fashion-MNIST). The page's nn*
 * controls take their ranges from this object (params.ts).
 */
export const nnParamsBase = z.object({
  rounds: int(1, 10),
  seeds: int(1, 8),
  hidden: int(16, 512),
  epochs: int(1, 200),
  lr: finite(1e-5, 1),
  batchSize: int(1, 4000),
  loss: z.enum(['l2', 'ce'], { error: "must be 'l2' or 'ce'" }),
  trainSize: int(10, 4000),
  testSize: int(10, 1000),
  earlyStopping: z.boolean({ error: 'must be true or false' }),
  seed: int(0, 2_147_483_647),
});

export const nnParamsSchema = nnParamsBase.superRefine((p, c) => {
  if (p.batchSize > p.trainSize)
    c.addIssue({
      code: 'custom',
      path: ['batchSize'],
      message: `batch size ${p.batchSize} exceeds the training set size ${p.trainSize}`,
    });
});

export type NnParams = z.infer<typeof nnParamsSchema>;

export const defaultNnParams: NnParams = {
  rounds: 5,
  seeds: 4,
  hidden: 128,
  epochs: 20,
  lr: 1e-3,
  batchSize: 64,
  loss: 'l2',
  trainSize: 2000,
  testSize: 1000,
  earlyStopping: true,
  seed: 1,
};
