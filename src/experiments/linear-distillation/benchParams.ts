import { z } from 'zod';
import { int } from '../../schema/numbers';

/** Params of `linear-distillation/bench` (validated by the engine like any job's). */
export const linearBenchParamsSchema = z.object({
  sets: int(16, 4000),
  steps: int(100, 20_000),
  n: int(1, 500),
  d: int(2, 1000),
  /** also time the float64 reference loop on the same students (one thread, no tfjs) */
  float64: z.boolean(),
});
export type LinearBenchParams = z.infer<typeof linearBenchParamsSchema>;
