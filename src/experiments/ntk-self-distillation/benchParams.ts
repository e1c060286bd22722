import { z } from 'zod';
import { int } from '../../schema/numbers';

/** Params of the bench job (sizes to time), validated by the engine like any job's. */
export const ntkBenchParamsSchema = z.object({
  sizes: z.array(int(2, 4096)),
  /** also time the plain float64 path (full eigendecomposition); slow, so once per bench */
  float64: z.boolean(),
  widths: z.array(int(2, 1 << 16)),
  trainN: int(16, 1024),
  trainIterations: int(1, 1e5),
});
export type NtkBenchParams = z.infer<typeof ntkBenchParamsSchema>;
