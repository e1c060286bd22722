import { afterEach, describe, expect, it, vi } from 'vitest';
import { offThread, type OffThreadTask } from './offThread';

/** A stand-in for a dedicated worker: answers each message after `delayMs`, as serveOffThread would. */
class FakeWorker {
  static spawned = 0;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(
    private run: (a: number) => number,
    private delayMs: number,
  ) {
    FakeWorker.spawned++;
  }
  postMessage(a: number) {
    setTimeout(() => {
      if (this.terminated) return;
      let reply: unknown;
      try {
        reply = { result: this.run(a) };
      } catch (err) {
        reply = { error: (err as Error).message };
      }
      this.onmessage?.({ data: reply } as MessageEvent);
    }, this.delayMs);
  }
  terminate() {
    this.terminated = true;
  }
}

const square = (a: number) => {
  if (a < 0) throw new Error('negative');
  return a * a;
};

let made: FakeWorker[] = [];
const task = (name: string, delayMs = 30): OffThreadTask<number, number> => ({
  name,
  spawn: () => {
    const w = new FakeWorker(square, delayMs);
    made.push(w);
    return w as unknown as Worker;
  },
  run: square,
});

afterEach(() => {
  vi.unstubAllGlobals();
  made = [];
});

describe('offThread', () => {
  it('runs the task in place where there is no Worker (Node), and not at all when already cancelled', async () => {
    expect(typeof Worker).toBe('undefined');
    await expect(offThread(task('a'), 7, () => false)).resolves.toBe(49);
    await expect(offThread(task('a'), 7, () => true)).resolves.toBeNull();
    expect(made).toHaveLength(0);
  });

  it('answers from its worker, keeps the worker for the next call, and passes the worker’s error on', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const t = task('b');
    await expect(offThread(t, 3, () => false)).resolves.toBe(9);
    await expect(offThread(t, 4, () => false)).resolves.toBe(16);
    expect(made).toHaveLength(1);
    await expect(offThread(t, -1, () => false)).rejects.toThrow('b: negative');
    // a call while another is running gets a worker of its own
    const both = await Promise.all([offThread(t, 5, () => false), offThread(t, 6, () => false)]);
    expect(both).toEqual([25, 36]);
    expect(made).toHaveLength(2);
    expect(made.filter((w) => w.terminated)).toHaveLength(1); // only one is kept idle
  });

  it('gives null as soon as the run is cancelled, terminating the busy worker, and the next call starts a new one', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const t = task('c', 500);
    let cancelled = false;
    const t0 = performance.now();
    const call = offThread(t, 2, () => cancelled);
    setTimeout(() => (cancelled = true), 20);
    await expect(call).resolves.toBeNull();
    expect(performance.now() - t0).toBeLessThan(200);
    expect(made[0].terminated).toBe(true);
    const fast = task('c', 1);
    await expect(offThread(fast, 3, () => false)).resolves.toBe(9);
    expect(made).toHaveLength(2);
  });
});
