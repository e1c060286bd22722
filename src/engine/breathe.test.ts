import { describe, expect, it } from 'vitest';
import { breathe } from './breathe';

describe('breathe', () => {
  it('lets a queued macrotask run from inside a loop whose awaits are microtasks, at most every 10 ms', async () => {
    let ran = false;
    setTimeout(() => (ran = true), 0);
    const t0 = performance.now();
    let turns = 0;
    // a loop of synchronous work with microtask awaits only: without breathe, `ran` stays false until it ends
    while (!ran && performance.now() - t0 < 1000) {
      const w = breathe();
      if (w) {
        turns++;
        await w;
      }
      await Promise.resolve();
    }
    expect(ran).toBe(true);
    expect(performance.now() - t0).toBeLessThan(200);
    // and the loop was not turned into a macrotask per step
    const t1 = performance.now();
    let steps = 0;
    turns = 0;
    while (performance.now() - t1 < 50) {
      steps++;
      const w = breathe();
      if (w) {
        turns++;
        await w;
      }
    }
    expect(turns).toBeLessThanOrEqual(7);
    expect(steps).toBeGreaterThan(10 * turns);
  });
});
