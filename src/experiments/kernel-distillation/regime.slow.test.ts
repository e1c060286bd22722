import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kdJob } from './experimentJob';
import type { KdFrame } from './frames';
import { defaultParams, presets, type KdParams } from './params';
import { atBestVal, initResults, reduce, type KdResults } from './results';
import { createJobContext } from '../../engine/job';

/**
 * The regime search's finding, as measured (synthetic n = 40 ≤ d = 60, tanh, κ = 0.01, m̄ = 100, m = 20,
 * 2000 iterations each, tfjs cpu). Seeds 1–3, end-of-training test MSE, 20% flipped training labels:
 * no teacher 1.10 / 1.43 / 1.24; student λ = 1 from the teacher stopped at its lowest validation MSE
 * 0.578 / 0.743 / 0.825; no teacher stopped by validation 0.149 / 0.239 / 0.472. The margins below are
 * below the smallest measured gap, not tuned to pass.
 */

const ctx = createJobContext({ tf, backend: 'cpu' });
const noisy = presets.find((p) => p.id === 'noisy')!.params;

async function run(p: Partial<KdParams>): Promise<KdResults> {
  let r = initResults();
  for await (const f of kdJob({ ...defaultParams, embed: 'off', ...p }, ctx)) r = reduce(r, f as KdFrame);
  return r;
}
const curve = (r: KdResults, id: string) => r.students[r.setup!.runs.findIndex((x) => x.id === id)];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('where a teacher helps (label noise)', () => {
  it('20% flipped labels: the λ = 1 student of the validated teacher beats no teacher by ≥ 0.2 test MSE, but not early stopping', async () => {
    const r = await run({ ...noisy, seed: 1 });
    expect(r.setup!.flipped).toBeGreaterThan(0);
    // the students learned from the checkpoint of lowest validation MSE, which the page reports
    expect(r.teacher.bestAt).toBe(atBestVal(r.teacher)!.iter);
    expect(r.overlap.raw!.sets.map((x) => x.id)).toContain('teacherBest');
    const none = curve(r, 'noTeacher');
    const live = curve(r, 'live');
    // measured 0.578 vs 1.10 (gap 0.52; smallest over seeds 1–3: 0.41)
    expect(none.test.at(-1)! - live.test.at(-1)!).toBeGreaterThanOrEqual(0.2);
    // measured 0.149: stopping the no-teacher run by validation does better still (gap 0.43)
    expect(live.test.at(-1)! - atBestVal(none)!.test).toBeGreaterThanOrEqual(0.2);
  }, 180_000);

  it('clean labels: the paper’s claims as they stand at this scale', async () => {
    const r = await run({ seed: 1 });
    const end = (id: string) => curve(r, id).test.at(-1)!;
    // A teacher does not improve the test loss: measured 0.0170 with it, 0.0161 without.
    expect(end('student')).toBeGreaterThan(0.9 * end('noTeacher'));
    // It does give the head start the paper describes: training loss at iteration 0 is 0.304 from
    // the teacher's units against 0.983 from a random start (both reach 0.05 by iteration 3, so
    // "converges faster" is one or two steps here, not the paper's hundreds).
    expect(curve(r, 'student').train[0]).toBeLessThan(0.4 * curve(r, 'noTeacher').train[0]);
    // λ = 0.01 beats λ → ∞ by far (0.0170 vs 0.332) but not λ → 0 (0.0166): no interior optimum.
    expect(end('lamInf')).toBeGreaterThan(10 * end('student'));
    expect(end('student')).toBeGreaterThan(0.95 * end('lam0'));
    // The perfect teacher does not beat the imperfect one (0.0170 vs 0.0165).
    expect(end('student')).toBeGreaterThan(0.95 * end('imperfect'));
  }, 180_000);
});
