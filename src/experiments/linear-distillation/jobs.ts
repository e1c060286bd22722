import { defineJob, type JobContext } from '../../engine/job';
import { linearBenchParamsSchema } from './benchParams';
import { linearParamsSchema, type LinearParams } from './params';

/** All five figures' measurements, stage by stage; the code is a lazy chunk of the worker. */
export const linearJob = defineJob({
  id: 'linear-distillation',
  schema: linearParamsSchema,
  load: () =>
    import('./experimentJob').then(
      (m) => (p: LinearParams, ctx: JobContext) => m.linearDistillationJob(p, ctx),
    ),
});

/** Throughput of the Fig. 5 estimate (transfer sets per second) on the engine's backend, for `npm run bench`. */
export const linearBenchJob = defineJob({
  id: 'linear-distillation/bench',
  schema: linearBenchParamsSchema,
  load: async () => (await import('./benchJob')).linearBenchJob,
});

export const jobs = [linearJob, linearBenchJob];
