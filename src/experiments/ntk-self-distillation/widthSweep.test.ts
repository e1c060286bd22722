import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../engine/job';
import { createJobMemo, type JobMemo } from '../../engine/memo';
import { reluNtk } from '../../math/ntkRelu';
import { sweepWidths, widthSweep } from './widthSweep';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 24 unit-norm rows in 6 dimensions: small enough that a 4096-wide sweep takes well under a second. */
const X = (() => {
  const rng = seedrandom.alea('width-sweep');
  return Array.from({ length: 24 }, () => {
    const r = Array.from({ length: 6 }, () => rng() - 0.5);
    const n = Math.hypot(...r);
    return r.map((v) => v / n);
  });
})();
const hInf = reluNtk(X);
const seed = 3;
const dataKey = 'clusters:test';

/** A job context on `memo` (the cache under test: one per test, as one worker keeps one). */
const ctx = (memo: JobMemo, cancelled: () => boolean = () => false, t: typeof tf = tf): JobContext => ({
  tf: t,
  backend: 'cpu',
  gpuDevice: null,
  memo,
  cancelled,
});

/** Each width on its own, in a memo of its own: what any sweep must report for it. */
async function alone(k: number): Promise<number> {
  const d = await widthSweep(ctx(createJobMemo()), dataKey, X, hInf, [k], seed);
  return d![0];
}

describe('the NTK width sweep, kept in the job memo', () => {
  it('after the width moves 2048 → 512, every distance belongs to its own width', async () => {
    const before = sweepWidths(2048, 'cpu');
    const after = sweepWidths(512, 'cpu');
    expect(before).toEqual([64, 256, 1024, 2048, 4096]);
    expect(after).toEqual([64, 256, 512, 1024, 4096]);
    const cache = createJobMemo();
    const a = (await widthSweep(ctx(cache), dataKey, X, hInf, before, seed))!;
    const b = (await widthSweep(ctx(cache), dataKey, X, hInf, after, seed))!;
    // The old cache (keyed without the widths) returned `a` again here: its third entry (width 1024)
    // would stand for 512 and its fourth (2048) for 1024. Each entry must equal that width's own distance,
    // bit for bit (cpu backend, W seeded by seed + k).
    expect(b).toHaveLength(after.length);
    for (const [i, k] of after.entries()) expect(b[i], `width ${k}`).toBe(await alone(k));
    // 512 differs from its neighbours' distances, so a shifted list cannot pass the check above
    expect(b[2]).not.toBe(a[2]);
    // the four widths shared with the first sweep came from the cache: only 512 was new
    expect(cache.size).toBe(6);
    // and the distance falls as the width grows (~1/√k)
    for (let i = 1; i < b.length; i++) expect(b[i]).toBeLessThan(b[i - 1]);
  });

  it('a cancelled sweep is not cached: the next run reports every width, computed in full', async () => {
    const widths = sweepWidths(2048, 'cpu');
    const cache = createJobMemo();
    // cancelled() is asked before and after each width: cancel during the second width
    let calls = 0;
    const cancelling = ctx(cache, () => ++calls > 3);
    expect(await widthSweep(cancelling, dataKey, X, hInf, widths, seed)).toBeNull();
    expect(cache.size).toBe(1);
    const full = (await widthSweep(ctx(cache), dataKey, X, hInf, widths, seed))!;
    expect(full).toHaveLength(widths.length);
    for (const [i, k] of widths.entries()) expect(full[i], `width ${k}`).toBe(await alone(k));
  });

  it('a failed sweep is not cached: the next run computes it again', async () => {
    const widths = sweepWidths(1024, 'cpu');
    const cache = createJobMemo();
    // A backend that fails in the third width's matmuls (e.g. a lost GPU device).
    let matmuls = 0;
    const failing = {
      ...tf,
      matMul: ((...args: Parameters<typeof tf.matMul>) => {
        if (++matmuls > 6) throw new Error('device lost');
        return tf.matMul(...args);
      }) as typeof tf.matMul,
    } as typeof tf;
    await expect(widthSweep(ctx(cache, undefined, failing), dataKey, X, hInf, widths, seed)).rejects.toThrow(
      /device lost/,
    );
    expect(cache.size).toBe(2);
    const again = (await widthSweep(ctx(cache), dataKey, X, hInf, widths, seed))!;
    expect(again).toHaveLength(widths.length);
    for (const [i, k] of widths.entries()) expect(again[i], `width ${k}`).toBe(await alone(k));
  });

  it('keys on the data, the seed and the backend as well', async () => {
    const cache = createJobMemo();
    const [a] = (await widthSweep(ctx(cache), dataKey, X, hInf, [256], seed))!;
    const [b] = (await widthSweep(ctx(cache), dataKey, X, hInf, [256], seed + 1))!;
    expect(b).not.toBe(a);
    const [c] = (await widthSweep({ ...ctx(cache), backend: 'wasm' }, dataKey, X, hInf, [256], seed))!;
    // (the tf passed is still cpu, so the same number, but its own entry)
    expect(c).toBe(a);
    const [e] = (await widthSweep(
      ctx(cache),
      'other data',
      X.slice(0, 12),
      reluNtk(X.slice(0, 12)),
      [256],
      seed,
    ))!;
    expect(e).not.toBe(a);
    expect(cache.size).toBe(4);
  });

  it('leaks no tensors, neither when it completes nor when it fails', async () => {
    const n = tf.memory().numTensors;
    await widthSweep(ctx(createJobMemo()), dataKey, X, hInf, sweepWidths(2048, 'cpu'), seed);
    expect(tf.memory().numTensors).toBe(n);
    const failing = {
      ...tf,
      matMul: (() => {
        throw new Error('device lost');
      }) as typeof tf.matMul,
    } as typeof tf;
    await expect(
      widthSweep(ctx(createJobMemo(), undefined, failing), dataKey, X, hInf, [64], seed),
    ).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(n);
  });
});
