import { startJob, type AnyJobDef, type JobContext, type JobRegistry } from './job';
import { createJobMemo } from './memo';
import type { BackendName, FromWorker, JobBackendReport, ToWorker } from './protocol';
import { transferablesOf } from './transfer';

export interface HostOptions {
  jobs: JobRegistry;
  /** posts a message; `transfer` lists buffers to move rather than copy */
  post: (msg: FromWorker, transfer?: Transferable[]) => void;
  /** sets up tfjs on the requested backend and returns the context base (the host adds the memo) */
  initBackend: (msg: Extract<ToWorker, { type: 'init' }>) => Promise<Omit<JobContext, 'cancelled' | 'memo'>>;
  /** minimum ms between frames: one per display frame */
  frameIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** test builds only: carries out an injected fault (absent in the shipped worker) */
  onFault?: (kind: Extract<ToWorker, { type: 'fault' }>['kind']) => void;
  /**
   * Per-job backends: the backends worth a job's own probe (none unless the backend is 'auto'), and
   * how to switch tfjs to one of them. Without these every job runs on the init's backend.
   */
  probeCandidates?: () => BackendName[];
  switchBackend?: (name: BackendName) => Promise<Omit<JobContext, 'cancelled' | 'memo'> | null>;
}

interface Run {
  id: number;
  gen: AsyncGenerator<unknown, void, void> | null;
  transfer: boolean;
  paused: boolean;
  cancelled: boolean;
  pumping: boolean;
  seq: number;
  pendingSteps: number;
}

/**
 * The worker side of the engine, independent of `self` so it can run (and be tested) in Node.
 * One run at a time: a new start cancels the run in flight, and frames of a cancelled run are never posted.
 */
export function createHost(opts: HostOptions) {
  const { jobs, post } = opts;
  const interval = opts.frameIntervalMs ?? 16;
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let base: Omit<JobContext, 'cancelled' | 'memo'> | null = null;
  // One memo for the worker's life: a later run with the same data reuses what an earlier one kept.
  const memo = createJobMemo();
  let ready: Promise<void> = Promise.resolve();
  let run: Run | null = null;
  /** the worker's default backend (init's), and each probed job's choice, for this page session */
  let defaultBase: Omit<JobContext, 'cancelled' | 'memo'> | null = null;
  const jobBackends = new Map<string, JobBackendReport>();

  /** The job's cost on the current backend by its probe: its own estimate, or one timed call after an untimed one. */
  async function timeProbe(job: AnyJobDef, ctxBase: Omit<JobContext, 'cancelled' | 'memo'>, r: Run) {
    const probe = await job.probe!();
    const once = () => probe({ ...ctxBase, memo: createJobMemo(), cancelled: () => r.cancelled });
    const own = await once(); // also the untimed run: shader compiles, first allocations
    if (typeof own === 'number') return own;
    const t0 = now();
    await once();
    return now() - t0;
  }

  /** The backend this job runs on: its probe's fastest (measured once per session), else the default. */
  async function backendFor(job: AnyJobDef, r: Run): Promise<void> {
    const candidates = job.probe && opts.switchBackend ? (opts.probeCandidates?.() ?? []) : [];
    if (!defaultBase || candidates.length < 2) {
      if (defaultBase && base !== defaultBase && opts.switchBackend) {
        base = (await opts.switchBackend(defaultBase.backend)) ?? defaultBase;
      }
      return;
    }
    let choice = jobBackends.get(job.id);
    if (!choice) {
      const probes: JobBackendReport['probes'] = [];
      for (const name of candidates) {
        const b = await opts.switchBackend!(name);
        if (!b || r.cancelled) {
          probes.push({ name, ms: null });
          continue;
        }
        base = b;
        try {
          probes.push({ name, ms: await timeProbe(job, b, r) });
        } catch {
          probes.push({ name, ms: null });
        }
        if (r.cancelled) return;
      }
      const best = probes.filter((p) => p.ms !== null).sort((a, b) => a.ms! - b.ms!)[0];
      if (!best) return;
      choice = {
        job: job.id,
        backend: best.name,
        reason: `fastest for this job by its own probe (${probes
          .map((p) => `${p.name} ${p.ms === null ? 'failed' : `${p.ms.toFixed(0)} ms`}`)
          .join(', ')})`,
        probes,
      };
      jobBackends.set(job.id, choice);
    }
    if (base?.backend !== choice.backend) base = (await opts.switchBackend!(choice.backend)) ?? base;
    post({ type: 'job-backend', runId: r.id, report: choice });
  }

  function cancel(r: Run | null) {
    if (!r || r.cancelled) return;
    r.cancelled = true;
    // return() waits for the generator's current await; the cancelled flag already silences it.
    void r.gen?.return(undefined).catch(() => undefined);
  }

  async function pump(r: Run) {
    if (r.pumping || !r.gen) return;
    r.pumping = true;
    try {
      let last = -Infinity;
      while (!r.cancelled && (!r.paused || r.pendingSteps > 0)) {
        // Always yield to the event loop between frames, or pause/cancel messages could never arrive.
        if (r.pendingSteps === 0) await sleep(Math.max(last + interval - now(), 0));
        if (r.cancelled || (r.paused && r.pendingSteps === 0)) break;
        if (r.pendingSteps > 0) r.pendingSteps--;
        last = now();
        const { value, done } = await r.gen!.next();
        if (r.cancelled) return;
        if (done) {
          post({ type: 'done', runId: r.id });
          if (run === r) run = null;
          return;
        }
        const msg: FromWorker = { type: 'frame', runId: r.id, seq: r.seq++, frame: value };
        if (r.transfer) post(msg, transferablesOf(value));
        else post(msg);
      }
    } catch (e) {
      if (!r.cancelled)
        post({ type: 'error', runId: r.id, message: e instanceof Error ? e.message : String(e) });
      if (run === r) run = null;
    } finally {
      r.pumping = false;
    }
  }

  async function handle(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init': {
        cancel(run);
        run = null;
        ready = (async () => {
          // A new backend: what the old one computed (and its tensors) goes.
          memo.clear();
          jobBackends.clear();
          try {
            base = defaultBase = await opts.initBackend(msg);
          } catch (e) {
            post({
              type: 'error',
              runId: null,
              message: `backend init failed: ${e instanceof Error ? e.message : e}`,
            });
          }
        })();
        await ready;
        return;
      }
      case 'start': {
        cancel(run);
        // The run exists before the backend is ready, so a pause or cancel sent meanwhile applies to it.
        const r: Run = {
          id: msg.runId,
          gen: null,
          transfer: false,
          paused: false,
          cancelled: false,
          pumping: false,
          seq: 0,
          pendingSteps: 0,
        };
        run = r;
        await ready;
        if (r.cancelled) return;
        const job = jobs.get(msg.job);
        if (!job || !base) {
          post({
            type: 'error',
            runId: msg.runId,
            message: job
              ? 'engine has no backend'
              : `unknown job "${msg.job}" (known: ${[...jobs.keys()].join(', ')})`,
          });
          if (run === r) run = null;
          return;
        }
        try {
          await backendFor(job, r);
          if (r.cancelled) return;
          // Params are validated here, once, with the job's own schema; the job gets them typed.
          r.gen = await startJob(job, msg.params, { ...base!, memo, cancelled: () => r.cancelled });
        } catch (e) {
          if (!r.cancelled)
            post({ type: 'error', runId: r.id, message: e instanceof Error ? e.message : String(e) });
          if (run === r) run = null;
          return;
        }
        if (r.cancelled) {
          void r.gen.return(undefined).catch(() => undefined);
          return;
        }
        r.transfer = job.transferFrames === true;
        await pump(r);
        return;
      }
      case 'pause':
        if (run?.id === msg.runId) run.paused = true;
        return;
      case 'resume':
        if (run?.id === msg.runId && run.paused) {
          run.paused = false;
          await pump(run);
        }
        return;
      case 'step':
        if (run?.id === msg.runId) {
          run.paused = true;
          run.pendingSteps++;
          await pump(run);
        }
        return;
      case 'cancel':
        if (run?.id === msg.runId) {
          cancel(run);
          run = null;
        }
        return;
      case 'memory': {
        const m = base?.tf.memory();
        post({ type: 'memory', numTensors: m?.numTensors ?? 0, numBytes: m?.numBytes ?? 0 });
        return;
      }
      case 'fault':
        opts.onFault?.(msg.kind);
        return;
    }
  }

  return { handle };
}
