import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng, sampleReduced } from './math/angularSampling';
import { acceleratedGd } from './math/linearGradientDescent';
import { teacherTargets } from './math/linearDistillation';
import { trainStudents } from './batchedStudents';
import { angleToTeacher, buildBatch, weightsOf, type StudentProblem } from './math/studentProblems';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Ten sets of n = 4 or 5 points in d = 30, soft and hard labels: 20 students of varying size. */
function problems(): StudentProblem[] {
  const rng = makeRng('batched');
  const out: StudentProblem[] = [];
  for (let s = 0; s < 10; s++) {
    const cloud = sampleReduced({ kind: 'kappa', kappa: 1 }, 30, 5, rng);
    out.push({ cloud, rows: 4 + (s % 2), labels: 'soft' }, { cloud, rows: 4 + (s % 2), labels: 'hard' });
  }
  return out;
}

describe('the batched tfjs program of linear students', () => {
  it('computes what the float64 reference computes, problem by problem (angles within 1e-4 rad)', async () => {
    const ps = problems();
    const D = 6;
    const batch = buildBatch(ps, 5, D);
    let W: Float32Array | undefined;
    for await (const f of trainStudents(tf, batch, 400, () => false)) if (f.W) W = f.W;
    expect(W).toBeDefined();
    ps.forEach((pr, b) => {
      const wStar = new Float64Array(pr.cloud.dim);
      wStar[0] = 1;
      const y = teacherTargets(pr.cloud, wStar, pr.labels, pr.rows);
      const ref = acceleratedGd(pr.cloud, y, pr.rows, pr.cloud.dim, 400, batch.eta[b]);
      const got = weightsOf(W!, b, D, pr.cloud.dim);
      expect(Math.abs(angleToTeacher(got) - angleToTeacher(ref)), `problem ${b}`).toBeLessThan(1e-4);
    });
  });

  it('keeps the tensor count flat: after a run, and after a run cancelled half way', async () => {
    const batch = buildBatch(problems(), 5, 6);
    const before = tf.memory().numTensors;
    for await (const f of trainStudents(tf, batch, 120, () => false, 30)) void f;
    expect(tf.memory().numTensors).toBe(before);
    let frames = 0;
    for await (const f of trainStudents(tf, batch, 10_000, () => frames >= 2, 30)) {
      void f;
      frames++;
    }
    expect(frames).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
