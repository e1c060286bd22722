import { defineJob, type JobContext } from '../../engine/job';
import { kdParamsSchema, type KdParams } from './params';

/** The page's run: teacher, theory, seven students. */
export const kdJob = defineJob({
  id: 'kernel-distillation',
  schema: kdParamsSchema,
  load: () => import('./experimentJob').then((m) => (p: KdParams, ctx: JobContext) => m.kdJob(p, ctx)),
});

export const jobs = [kdJob];
