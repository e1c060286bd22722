import { defineJob, type JobContext } from '../../engine/job';
import { nnParamsSchema, type NnParams } from './nnParams';

/** Rounds of self-distillation of an MLP on Fashion-MNIST (Fig. 4–6), all seeds as one program. */
export const hilbertNnJob = defineJob({
  id: 'hilbert-self-distillation/nn',
  schema: nnParamsSchema,
  load: () => import('./nnJob').then((m) => (p: NnParams, ctx: JobContext) => m.hilbertNnJob(p, ctx)),
});

export const jobs = [hilbertNnJob];
