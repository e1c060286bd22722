import { z } from 'zod';
import { int } from '../../schema/numbers';

/** Params of the bench job (sizes to time), validated by the engine like any job's. */
export const benchParamsSchema = z.object({
  iterations: int(1, 1e8),
  jsChains: int(1, 1 << 22),
  jsSteps: int(1, 1e6),
  tfjsChains: int(1, 1 << 22),
  tfjsSteps: int(1, 1e6),
  gpuChains: z.array(int(1, 1 << 24)),
  gpuSteps: int(1, 1e6),
});
export type BenchParams = z.infer<typeof benchParamsSchema>;
