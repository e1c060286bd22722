import { defineJob, type JobContext } from '../../engine/job';
import { ntkBenchParamsSchema } from './benchParams';
import { ntkParamsSchema } from './params';
import { teacherEpochsSchema, type TeacherEpochsParams } from './teacherEpochsParams';
import { ntkTrainSchema, type NtkTrainParams } from './trainParams';

/** The page's run: exact spectrum, Fig. 2, width sweep, then normal GD and Algorithm 1. */
export const ntkExperimentJob = defineJob({
  id: 'ntk-self-distillation',
  schema: ntkParamsSchema,
  // its training loop in small (fused WGSL on a GPU, 2-D matmuls on wasm)
  probe: async () => {
    const { ntkTrainJob: train } = await import('./trainJob');
    const { defaultNtkTrainParams } = await import('./trainParams');
    return async (ctx: JobContext) => {
      const p = { ...defaultNtkTrainParams, n: 128, width: 512, iterations: 30, evalEvery: 30, spectrumM: 2 };
      for await (const _frame of train(p, ctx)) void _frame;
    };
  },
  load: async () => (await import('./experimentJob')).ntkExperimentJob,
});

/** One training comparison alone (normal GD vs Algorithm 1), for tests and headless use. */
export const ntkTrainJob = defineJob({
  id: 'ntk-self-distillation/train',
  schema: ntkTrainSchema,
  load: () => import('./trainJob').then((m) => (p: NtkTrainParams, ctx: JobContext) => m.ntkTrainJob(p, ctx)),
});

/** Spectrum and training throughput, for `npm run bench`. */
export const ntkBenchJob = defineJob({
  id: 'ntk-self-distillation/bench',
  schema: ntkBenchParamsSchema,
  load: async () => (await import('./benchJob')).ntkBenchJob,
});

/** Fig. 1 alone (teacher epochs → student), for tests and headless use; the page runs it inside the above. */
export const ntkTeacherEpochsJob = defineJob({
  id: 'ntk-self-distillation/teacher-epochs',
  schema: teacherEpochsSchema,
  load: () =>
    import('./teacherEpochsJob').then(
      (m) => (p: TeacherEpochsParams, ctx: JobContext) => m.teacherEpochsJob(p, ctx),
    ),
});

export const jobs = [ntkExperimentJob, ntkTrainJob, ntkBenchJob, ntkTeacherEpochsJob];
