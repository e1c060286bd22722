import type * as tfjs from '@tensorflow/tfjs-core';
import type { ZodType } from 'zod';
import { describeZodError } from '../schema/describeError';
import { createJobMemo, type JobMemo } from './memo';
import type { BackendName } from './protocol';

/**
 * What a job gets from the engine: the tfjs instance on the chosen backend, its GPU device, and a cache
 * that outlives the run.
 */
export interface JobContext {
  tf: typeof tfjs;
  backend: BackendName;
  /** the WebGPU backend's own GPUDevice when the backend is webgpu, for fused custom kernels */
  gpuDevice: GPUDevice | null;
  /** true once the run was cancelled or replaced; long inner loops should check it */
  cancelled(): boolean;
  /**
   * results kept between runs, bounded per cache (engine/memo.ts): one per worker, cleared when the
   * backend changes; Node callers get one from createJobContext (or createJobMemo) and pass it to every run that may reuse it
   */
  memo: JobMemo;
}

/**
 * A JobContext for Node callers (the CLI, tests, GPU checks): no GPU device, a fresh memo and never
 * cancelled unless given. Runs that should reuse what earlier ones kept are given one `memo`.
 */
export function createJobContext(c: Pick<JobContext, 'tf' | 'backend'> & Partial<JobContext>): JobContext {
  return { gpuDevice: null, memo: createJobMemo(), cancelled: () => false, ...c };
}

/**
 * The body of a job: an async generator of frames. The engine pulls one frame per display frame, so the
 * job sizes each chunk of work for one frame; pausing is simply not pulling, cancelling is return().
 * It receives params already validated by the job's schema.
 */
export type JobRun<P, F> = (params: P, ctx: JobContext) => AsyncGenerator<F, void, void>;

/**
 * One worker job: its id on the wire, the schema its params must satisfy, and its code, loaded on first
 * use (a dynamic import), so the worker fetches an experiment's chunk only when that experiment runs and
 * the UI can hold the definition (for its types) without bundling tfjs code it never calls.
 * `F` is the frame type: `ExperimentDef.reduce` is typed on it.
 */
export interface JobDef<P = unknown, F = unknown> {
  readonly id: string;
  readonly schema: ZodType<P>;
  readonly load: () => Promise<JobRun<P, F>>;
  /**
   * true when every typed array in a frame is freshly allocated for that frame, so the engine may
   * transfer (not copy) its buffers to the UI thread. A job that re-sends a buffer it keeps must leave
   * this off, or its own copy would be detached.
   */
  readonly transferFrames?: boolean;
  /**
   * The job's own kernel in small (well under a second on a fast backend), loaded on use: with the
   * backend on 'auto', the engine times it on each backend worth trying and runs the job on the
   * fastest, once per page session. For jobs whose best backend differs from the worker's default
   * (a GPU where wasm wins for small batched products, or the reverse).
   */
  readonly probe?: () => Promise<JobProbe>;
}

/**
 * A job's probe: runs its kernel in small; resolves with its own estimate of the job's cost (ms) when
 * the wall time of one call would mislead (fixed set-up costs that the real run amortises), else with
 * nothing and the engine times the call.
 */
export type JobProbe = (ctx: JobContext) => Promise<number | void>;

export function defineJob<P, F>(def: {
  id: string;
  schema: ZodType<P>;
  load: () => Promise<JobRun<NoInfer<P>, F>>;
  transferFrames?: boolean;
  probe?: () => Promise<JobProbe>;
}): JobDef<P, F> {
  return def;
}

/** The frame type of a job definition. */
export type FrameOf<J> = J extends {
  load: () => Promise<(p: never, ctx: JobContext) => AsyncGenerator<infer F, void, void>>;
}
  ? F
  : never;

/** A request to run one job with params of its type: what an experiment asks the engine for. */
export interface JobRequest<F = unknown> {
  job: JobDef<never, F>;
  params: unknown;
}

/** Type-checks params against a job's param type while keeping the request's frame type. */
export function request<P, F>(job: JobDef<P, F>, params: P): JobRequest<F> {
  return { job: job as unknown as JobDef<never, F>, params };
}

/** Validates raw params with the job's schema (one message naming every bad key) and starts it. */
export async function startJob<P, F>(
  job: JobDef<P, F>,
  raw: unknown,
  ctx: JobContext,
): Promise<AsyncGenerator<F, void, void>> {
  const parsed = job.schema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`invalid parameters: ${describeZodError(parsed.error)} (job ${job.id})`);
  const run = await job.load();
  return run(parsed.data, ctx);
}

// Variance: a registry holds jobs of different param and frame types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDef = JobDef<any, any>;

/** Worker-side registry: job id → definition, built from the experiment folders. */
export type JobRegistry = ReadonlyMap<string, AnyJobDef>;
