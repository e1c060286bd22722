import { z } from 'zod';
import { finite, int } from '../../../src/schema/numbers';

/** One schema for the controls, the URL and the job. */
export const params = z.object({
  sigma: finite(0.01, 10),
  samples: int(10, 100_000),
  seed: int(0, 2_147_483_647),
});
export type Params = z.infer<typeof params>;
