import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../src/engine/host';
import { experiments } from '../../src/experiments';
import { collectJobs } from '../../src/experiments/registry';

/**
 * A slider moved mid-run cancels the run in flight. Every experiment's default run (found in the
 * registry), cancelled at several points, must give back every tensor it made: the load test found the
 * kernel-regime job leaking its networks on each cancel (a manual next() loop does not forward
 * return() to the inner generator, so its finally never ran).
 */
const jobs = collectJobs(import.meta.glob('../../src/experiments/*/jobs.ts', { eager: true }));

describe('cancelling a run releases its tensors', () => {
  for (const e of experiments) {
    const spec = e.jobFor(e.defaults);
    if (!spec) continue;
    it(`${e.id}: numTensors back to where it was after cancels at 50, 400 and 1500 ms`, async () => {
      const host = createHost({
        jobs,
        post: () => undefined,
        initBackend: async () => {
          await tf.setBackend('cpu');
          return { tf, backend: 'cpu', gpuDevice: null };
        },
        frameIntervalMs: 0,
      });
      await host.handle({ type: 'init', backend: 'cpu' });
      const before = tf.memory().numTensors;
      const after: number[] = [];
      for (const [i, ms] of [50, 400, 1500].entries()) {
        const started = host.handle({ type: 'start', runId: i + 1, job: spec.job.id, params: spec.params });
        await new Promise((r) => setTimeout(r, ms));
        await host.handle({ type: 'cancel', runId: i + 1 });
        await started;
        // The cancelled generator finishes its current step before its finally blocks run.
        await new Promise((r) => setTimeout(r, 300));
        after.push(tf.memory().numTensors);
      }
      expect(after).toEqual([before, before, before]);
    }, 120_000);
  }
});
