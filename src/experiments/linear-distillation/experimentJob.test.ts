import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFashionSubset } from '../../data/fashionMnist';
import { startJob, type JobContext } from '../../engine/job';
import type { LinearFrame } from './frames';
import { linearDistillationJob } from './experimentJob';
import { linearBenchJob as benchDef, linearJob } from './jobs';
import { linearBenchJob } from './benchJob';
import { defaultParams, type LinearParams } from './params';
import { initResults, reduce } from './results';
import { createJobMemo } from '../../engine/memo';

const read = async (p: string) => {
  const b = await readFile(p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const deps = { loadFashion: () => loadFashionSubset(read, 'public/data/') };
// One memo for the file, as the worker keeps one: a rerun replays what the first run kept.
const memo = createJobMemo();
const ctx = (cancelled = () => false): JobContext => ({
  tf,
  backend: 'cpu',
  gpuDevice: null,
  memo,
  cancelled,
});
/** Small but complete: every stage runs. */
const small: LinearParams = {
  ...defaultParams,
  d: 12,
  n: 4,
  depth: 3,
  sets: 32,
  sweepSets: 8,
  steps: 200,
  fmN: 20,
  seed: 4,
};

async function run(p: LinearParams, cancelAfter = Infinity) {
  const frames: LinearFrame[] = [];
  const t0 = performance.now();
  for await (const f of linearDistillationJob(
    p,
    ctx(() => frames.length >= cancelAfter),
    deps,
  ))
    frames.push(f);
  return { frames, ms: performance.now() - t0 };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the linear-distillation worker job, headless on the cpu backend', () => {
  it('runs every stage in order, folds into finite results, leaks no tensor; a rerun replays its caches', async () => {
    const before = tf.memory().numTensors;
    const first = await run(small);
    expect(tf.memory().numTensors).toBe(before);
    const kinds = first.frames.map((f) => f.kind).filter((k, i, a) => k !== a[i - 1]);
    expect(kinds).toEqual(['convergence', 'kappa', 'monotonicity', 'riskVsN', 'fashion']);
    let r = initResults();
    for (const f of first.frames) r = reduce(r, f);
    expect(r.convergence.done).toBe(true);
    expect(r.convergence.deep.length).toBeGreaterThan(10);
    expect(r.convergence.meta!.picture).toBeNull(); // d = 12 > 3
    expect(r.kappa!.done).toBe(true);
    expect(r.kappa!.risk.every((s) => Number.isFinite(s.mean))).toBe(true);
    const m = r.monotonicity!;
    expect(m.learners!.map((l) => l.id)).toEqual([
      'limit',
      'soft',
      'hard',
      ...[1, 2, 3, 4, 5].map((_, i) => `delta-${[0.0625, 0.125, 0.25, 0.5, 1][i]}`),
    ]);
    expect(
      m.learners!.every((l) => Number.isFinite(l.risk.mean) && l.monotonicity >= 0 && l.monotonicity <= 1),
    ).toBe(true);
    expect(r.riskVsN!.done).toBe(true);
    expect(r.riskVsN!.ns).toContain(12); // n = d is on the grid: there the limit's risk is exactly 0
    expect(r.riskVsN!.risk.limit[r.riskVsN!.ns.indexOf(12)].mean).toBe(0);
    expect(r.fashion!.status).toBe('done');
    expect(r.fashion!.risk.every((s) => Number.isFinite(s.mean))).toBe(true);

    const again = await run(small);
    expect(again.ms).toBeLessThan(first.ms / 3);
    const last = (fs: LinearFrame[], kind: LinearFrame['kind']) => fs.filter((f) => f.kind === kind).at(-1);
    for (const kind of ['kappa', 'riskVsN', 'fashion'] as const)
      expect({ ...last(again.frames, kind), ms: 0 }).toEqual({ ...last(first.frames, kind), ms: 0 });
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a new δ re-scores the cached students without training (and changes w_δ only)', async () => {
    await run(small);
    const moved = await run({ ...small, delta: 20 });
    const f = moved.frames.filter((x) => x.kind === 'riskVsN').at(-1)!;
    const g = (await run(small)).frames.filter((x) => x.kind === 'riskVsN').at(-1)!;
    expect(f.kind === 'riskVsN' && g.kind === 'riskVsN').toBe(true);
    if (f.kind !== 'riskVsN' || g.kind !== 'riskVsN') return;
    expect(f.risk.soft).toEqual(g.risk.soft);
    expect(f.risk.delta).not.toEqual(g.risk.delta);
    expect(moved.ms).toBeLessThan(5000);
  }, 60_000);

  it('stops cleanly when cancelled in the batched program, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const p = { ...small, seed: 99, sets: 64 };
    // the convergence stage (a few frames) and Fig. 3 (9 frames), then a couple of training frames
    const { frames } = await run(p, 20);
    expect(frames.length).toBe(20);
    expect(frames.some((f) => f.kind === 'fashion')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('the engine validates its params with the schema before anything runs', async () => {
    await expect(startJob(linearJob, { ...small, kappa: -1 }, ctx())).rejects.toThrow(/kappa: κ must be > 0/);
  });

  it('the bench job reports finite throughputs of the Fig. 5 program (and is a registered job)', async () => {
    expect(benchDef.id).toBe('linear-distillation/bench');
    const frames = [];
    for await (const f of linearBenchJob({ sets: 16, steps: 100, n: 5, d: 100, float64: true }, ctx()))
      frames.push(f);
    expect(frames).toHaveLength(1);
    const r = frames[0];
    expect(r.backend).toBe('cpu');
    expect(r.sets).toBe(16);
    for (const v of [r.trainSetsPerSecond, r.setsPerSecond, r.float64SetsPerSecond!])
      expect(v).toBeGreaterThan(0);
  });
});
