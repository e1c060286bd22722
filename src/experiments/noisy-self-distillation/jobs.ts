import { defineJob, type JobContext } from '../../engine/job';
import { jobSchema, type JobParams } from './params';

/** A sweep of noisy self-distillation (Xiong et al. Fig. 2–3): teacher, then every level × seed as one program. */
export const noisyDistillJob = defineJob({
  id: 'noisy-self-distillation',
  schema: jobSchema,
  load: () => import('./job').then((m) => (p: JobParams, ctx: JobContext) => m.noisyDistillJob(p, ctx)),
});

export const jobs = [noisyDistillJob];
