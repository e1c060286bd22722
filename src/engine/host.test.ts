import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createHost } from './host';
import { z } from 'zod';
import { defineJob, type JobRegistry } from './job';
import type { FromWorker } from './protocol';

/** A job that counts, so the order and identity of frames is checkable. */
const count = defineJob({
  id: 'count',
  schema: z.object({ n: z.number().int().min(0), fail: z.boolean().optional() }),
  load: async () =>
    async function* (p) {
      for (let i = 0; i < p.n; i++) {
        if (p.fail && i === 2) throw new Error('boom');
        yield { i, data: new Float32Array([i]) };
      }
    },
});
/** Frames whose typed arrays are fresh each time, so the engine may transfer them. */
const fresh = defineJob({ ...count, id: 'fresh', transferFrames: true });
/** A job that counts its runs in the memo: what one run keeps, the next one sees. */
const remember = defineJob({
  id: 'remember',
  schema: z.object({}),
  load: async () =>
    async function* (_, ctx) {
      const runs = (ctx.memo.get<number>('remember:runs') ?? 0) + 1;
      ctx.memo.set('remember:runs', runs);
      yield { i: runs };
    },
});
const jobs: JobRegistry = new Map([
  ['count', count],
  ['fresh', fresh],
]);

function setup(registry: JobRegistry = jobs) {
  const out: FromWorker[] = [];
  const transfers: Transferable[][] = [];
  const host = createHost({
    jobs: registry,
    post: (m, t) => {
      out.push(m);
      transfers.push(t ?? []);
    },
    initBackend: async () => {
      await tf.setBackend('cpu');
      return { tf, backend: 'cpu', gpuDevice: null };
    },
    frameIntervalMs: 0,
  });
  const frames = (runId: number) =>
    out
      .filter((m) => m.type === 'frame' && m.runId === runId)
      .map((m) => (m as { frame: { i: number } }).frame.i);
  return { host, out, frames, transfers };
}

describe('engine host protocol', () => {
  it('keeps one memo for all runs, and clears it when the backend is initialised again', async () => {
    const { host, frames } = setup(new Map([['remember', remember]]));
    await host.handle({ type: 'init', backend: 'cpu' });
    await host.handle({ type: 'start', runId: 1, job: 'remember', params: {} });
    await host.handle({ type: 'start', runId: 2, job: 'remember', params: {} });
    expect([...frames(1), ...frames(2)]).toEqual([1, 2]);
    await host.handle({ type: 'init', backend: 'cpu' });
    await host.handle({ type: 'start', runId: 3, job: 'remember', params: {} });
    expect(frames(3)).toEqual([1]);
  });

  it('streams all frames in order and then done', async () => {
    const { host, out, frames } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    await host.handle({ type: 'start', runId: 1, job: 'count', params: { n: 5 } });
    expect(frames(1)).toEqual([0, 1, 2, 3, 4]);
    expect(out.at(-1)).toEqual({ type: 'done', runId: 1 });
  });

  it('a new start cancels the run in flight; no frame of the old run follows', async () => {
    const { host, out } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    const first = host.handle({ type: 'start', runId: 1, job: 'count', params: { n: 1000 } });
    await new Promise((r) => setTimeout(r, 5));
    const second = host.handle({ type: 'start', runId: 2, job: 'count', params: { n: 3 } });
    await Promise.all([first, second]);
    const firstRun2 = out.findIndex((m) => 'runId' in m && m.runId === 2);
    expect(out.slice(firstRun2).some((m) => 'runId' in m && m.runId === 1)).toBe(false);
    expect(out.some((m) => m.type === 'done' && m.runId === 1)).toBe(false);
    expect(out.at(-1)).toEqual({ type: 'done', runId: 2 });
  });

  it('pause stops frames, step yields exactly one, resume finishes', async () => {
    const { host, frames } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    // Pause before anything is pulled: the start resolves once the pump stops.
    const started = host.handle({ type: 'start', runId: 7, job: 'count', params: { n: 6 } });
    await host.handle({ type: 'pause', runId: 7 });
    await started;
    const before = frames(7).length;
    expect(before).toBeLessThan(6);
    await host.handle({ type: 'step', runId: 7 });
    expect(frames(7).length).toBe(before + 1);
    await host.handle({ type: 'resume', runId: 7 });
    expect(frames(7)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reports job errors and unknown jobs against their run id', async () => {
    const { host, out } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    await host.handle({ type: 'start', runId: 3, job: 'count', params: { n: 5, fail: true } });
    expect(out.at(-1)).toEqual({ type: 'error', runId: 3, message: 'boom' });
    await host.handle({ type: 'start', runId: 4, job: 'nope', params: {} });
    expect(out.at(-1)).toEqual({
      type: 'error',
      runId: 4,
      message: 'unknown job "nope" (known: count, fresh)',
    });
  });

  it("validates params with the job's schema before the job runs", async () => {
    const { host, out } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    await host.handle({ type: 'start', runId: 5, job: 'count', params: { n: -1, fail: 'yes' } });
    expect(out.filter((m) => m.type === 'frame')).toHaveLength(0);
    expect(out.at(-1)).toMatchObject({ type: 'error', runId: 5 });
    const message = (out.at(-1) as { message: string }).message;
    expect(message).toMatch(/^invalid parameters: n: .*>=0.*; fail: .*boolean.* \(job count\)$/);
  });

  it('transfers frame buffers only for jobs that declare fresh frames', async () => {
    const { host, out, transfers } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    await host.handle({ type: 'start', runId: 1, job: 'count', params: { n: 2 } });
    await host.handle({ type: 'start', runId: 2, job: 'fresh', params: { n: 2 } });
    const sent = (runId: number) =>
      out.flatMap((m, i) => (m.type === 'frame' && m.runId === runId ? [transfers[i]] : []));
    expect(sent(1).map((t) => t.length)).toEqual([0, 0]);
    expect(sent(2).map((t) => t.length)).toEqual([1, 1]);
    const f = out.find((m) => m.type === 'frame' && m.runId === 2) as { frame: { data: Float32Array } };
    expect(sent(2)[0][0]).toBe(f.frame.data.buffer);
  });

  it('cancel silences the run', async () => {
    const { host, out } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    const p = host.handle({ type: 'start', runId: 9, job: 'count', params: { n: 100000 } });
    await new Promise((r) => setTimeout(r, 5));
    await host.handle({ type: 'cancel', runId: 9 });
    await p;
    const n = out.length;
    await new Promise((r) => setTimeout(r, 20));
    expect(out.length).toBe(n);
    expect(out.some((m) => m.type === 'done')).toBe(false);
  });

  it('answers a memory request with the backend’s live tensor count; a fault without a handler is ignored', async () => {
    const { host, out } = setup();
    await host.handle({ type: 'init', backend: 'cpu' });
    const kept = tf.zeros([3]);
    await host.handle({ type: 'memory' });
    await host.handle({ type: 'fault', kind: 'crash' });
    const m = out.filter((x) => x.type === 'memory');
    expect(m).toEqual([
      { type: 'memory', numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes },
    ]);
    expect(m[0].type === 'memory' && m[0].numTensors).toBeGreaterThanOrEqual(1);
    kept.dispose();
  });
});

describe('per-job backends by the job’s own probe', () => {
  /** Two pretend backends: the probe "costs" 5 ms on webgpu and 1 ms on wasm (a fake clock). */
  function probed(candidates: ('webgpu' | 'wasm')[]) {
    let clock = 0;
    let current: string = 'webgpu';
    const switches: string[] = [];
    let probeRuns = 0;
    const job = defineJob({
      id: 'probed',
      schema: z.object({}),
      load: async () =>
        async function* (_, ctx) {
          yield { i: 0, backend: ctx.backend };
        },
      probe: async () => async (ctx) => {
        probeRuns++;
        clock += ctx.backend === 'wasm' ? 1 : 5;
      },
    });
    const out: FromWorker[] = [];
    const host = createHost({
      jobs: new Map([['probed', job]]),
      post: (m) => out.push(m),
      initBackend: async () => ({ tf, backend: 'webgpu', gpuDevice: null }),
      frameIntervalMs: 0,
      now: () => clock,
      sleep: async () => undefined,
      probeCandidates: () => candidates,
      switchBackend: async (name) => {
        switches.push(name);
        current = name;
        return { tf, backend: name, gpuDevice: null };
      },
    });
    return { host, out, switches, probes: () => probeRuns, current: () => current };
  }

  it('runs the job on the backend its probe found fastest, probing once per session', async () => {
    const s = probed(['webgpu', 'wasm']);
    await s.host.handle({ type: 'init', backend: 'auto' });
    await s.host.handle({ type: 'start', runId: 1, job: 'probed', params: {} });
    const report = s.out.find((m) => m.type === 'job-backend');
    expect(report).toMatchObject({ runId: 1, report: { job: 'probed', backend: 'wasm' } });
    expect((report as { report: { reason: string } }).report.reason).toMatch(/webgpu 5 ms, wasm 1 ms/);
    const frame = s.out.find((m) => m.type === 'frame') as { frame: { backend: string } };
    expect(frame.frame.backend).toBe('wasm');
    expect(s.probes()).toBe(4); // one untimed and one timed run per backend
    await s.host.handle({ type: 'start', runId: 2, job: 'probed', params: {} });
    expect(s.probes()).toBe(4); // cached for the session
    expect(s.current()).toBe('wasm');
  });

  it('with fewer than two backends worth a look (a chosen backend, a software GPU), nothing is probed', async () => {
    const s = probed(['wasm']);
    await s.host.handle({ type: 'init', backend: 'auto' });
    await s.host.handle({ type: 'start', runId: 1, job: 'probed', params: {} });
    expect(s.probes()).toBe(0);
    expect(s.out.some((m) => m.type === 'job-backend')).toBe(false);
    expect((s.out.find((m) => m.type === 'frame') as { frame: { backend: string } }).frame.backend).toBe(
      'webgpu',
    );
  });
});
