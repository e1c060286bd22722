import type * as tfjs from '@tensorflow/tfjs';
import type { BackendName } from './protocol';

/** What a job gets from the engine: the tfjs instance on the chosen backend, and its GPU device. */
export interface JobContext {
  tf: typeof tfjs;
  backend: BackendName;
  /** the WebGPU backend's own GPUDevice when the backend is webgpu, for fused custom kernels */
  gpuDevice: GPUDevice | null;
  /** true once the run was cancelled or replaced; long inner loops should check it */
  cancelled(): boolean;
}

/**
 * A job is an async generator of frames. The engine pulls one frame per display frame, so the job
 * sizes each chunk of work for one frame; pausing is simply not pulling, cancelling is return().
 */
export type Job = (params: unknown, ctx: JobContext) => AsyncGenerator<unknown, void, void>;
export type JobRegistry = Record<string, Job>;
