import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kdJob } from './experimentJob';
import type { KdFrame } from './frames';
import { defaultParams, type KdParams } from './params';
import { initResults, reduce, type KdResults } from './results';
import { createJobContext } from '../../engine/job';

const ctx = createJobContext({ tf, backend: 'cpu' });

async function run(p: Partial<KdParams>): Promise<KdResults> {
  let r = initResults();
  for await (const f of kdJob({ ...defaultParams, ...p }, ctx)) r = reduce(r, f as KdFrame);
  return r;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('kernel-distillation job (tfjs cpu)', () => {
  it('n ≤ d: the live student approaches Theorem 1’s f_∞', async () => {
    const r = await run({
      n: 20,
      d: 60,
      nTest: 40,
      lambda: 1,
      teacherIterations: 400,
      studentIterations: 1500,
      seed: 3,
    });
    expect(r.theory?.theorem1Applies).toBe(true);
    // measured 7e-7 (float32 training); margin for other backends' rounding
    expect(r.done!.relErr).toBeLessThan(1e-3);
    // and it moved there: the start was far
    expect(r.dist[0]).toBeGreaterThan(10 * r.done!.relErr);
    // Fig. 5: an overlap per unit of both teachers and the students, each a mean of |cos| ∈ [0, 1]
    const sets = r.overlap.raw!.sets;
    expect(sets.map((s) => s.id)).toEqual([
      'teacher',
      'teacherEarly',
      'student',
      'studentEarly',
      'noTeacher',
    ]);
    expect(sets[0].values).toHaveLength(100);
    expect(sets[2].values).toHaveLength(20);
    for (const s of sets) for (const v of s.values) expect(v >= 0 && v <= 1).toBe(true);
    // Fig. 4/6: μ* ≥ 0 with unit norm, the embedded networks trained, their overlaps computed
    const al = r.alignment!;
    expect(al.mu).toHaveLength(7);
    expect(Math.hypot(...al.mu)).toBeCloseTo(1, 12);
    expect(al.combined).toBeGreaterThanOrEqual(Math.max(...al.alignments) - 1e-9);
    expect(r.embTeacher.iter.at(-1)).toBe(400);
    expect(r.embStudents[1].iter.at(-1)).toBe(1500);
    expect(r.overlap.embedded!.sets.map((s) => s.id)).toEqual(['teacherEmb', 'studentEmb']);
  }, 40_000);

  it('n > d: the prediction fails (relative error stays large) and the tensors do not leak', async () => {
    await run({
      n: 8,
      d: 4,
      nTest: 10,
      overlapTop: 4,
      nystromRank: 8,
      teacherIterations: 20,
      studentIterations: 20,
    }); // warm-up
    const before = tf.memory().numTensors;
    const r = await run({
      n: 40,
      d: 10,
      nTest: 40,
      lambda: 1,
      teacherIterations: 400,
      studentIterations: 1500,
      seed: 3,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.theory?.theorem1Applies).toBe(false);
    expect(r.theory!.zeroPoles).toBeGreaterThanOrEqual(20 * (40 - 10));
    expect(r.done!.relErr).toBeGreaterThan(0.05);
  }, 40_000);
});
