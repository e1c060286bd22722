import { defineJob, type JobContext } from '../../engine/job';
import { linearBenchParamsSchema } from './benchParams';
import { linearParamsSchema, type LinearParams } from './params';

/** All five figures' measurements, stage by stage; the code is a lazy chunk of the worker. */
export const linearJob = defineJob({
  id: 'linear-distillation',
  schema: linearParamsSchema,
  // its heaviest kernel, the batched students of Fig. 5, in small: wasm beats a GPU at these sizes
  probe: async () => {
    const { linearBenchJob: bench } = await import('./benchJob');
    return async (ctx: JobContext) => {
      for await (const _frame of bench({ sets: 64, steps: 300, n: 20, d: 50, float64: false }, ctx))
        void _frame;
    };
  },
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
