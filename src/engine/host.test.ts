import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createHost } from './host';
import type { JobRegistry } from './job';
import type { FromWorker } from './protocol';

/** A job that counts, so the order and identity of frames is checkable. */
const jobs: JobRegistry = {
  count: async function* (params) {
    const { n, fail } = params as { n: number; fail?: boolean };
    for (let i = 0; i < n; i++) {
      if (fail && i === 2) throw new Error('boom');
      yield { i };
    }
  },
};

function setup() {
  const out: FromWorker[] = [];
  const host = createHost({
    jobs,
    post: (m) => out.push(m),
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
  return { host, out, frames };
}

describe('engine host protocol', () => {
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
    expect(out.at(-1)).toEqual({ type: 'error', runId: 4, message: 'unknown job "nope"' });
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
});
