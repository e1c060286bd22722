import { defineJob, type JobContext } from '../../engine/job';
import { linearBenchParamsSchema } from './benchParams';
import { linearParamsSchema, type LinearParams } from './params';

/** All five figures' measurements, stage by stage; the code is a lazy chunk of the worker. */
export const linearJob = defineJob({
  id: 'linear-distillation',
  schema: linearParamsSchema,
  // No probe: on an H200 a probe of its Fig. 5 kernel in small (64 transfer sets) picked wasm, while the
  // whole job runs 2.8x faster on WebGPU (docs/measurements/job-backends-h200-2026-12-04.json), and the
  // stage sizes its batch by its step budget, so no short run stands for it. It stays on the worker's
  // default: WebGPU wherever a hardware GPU is.
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
