import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchedNoisyStep } from '../../../tests/reference/batchedSteps';
import { disposeMlp, initMlp, mlpVariables, type Mlp } from '../../models/mlp';
import { BatchedTrainer, SideBySideTrainer } from '../../models/mlpTrainer';
import { RowSource } from '../../models/rowSource';
import { studentStep } from './job';

/**
 * The students' SGD step (issue 19: the runs of a seed share one minibatch upload and one first-layer
 * product, gradients written out) against the batched autodiff step it replaced
 * (tests/reference/batchedSteps.ts): the same costs and weights within float32 tolerance.
 */

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);

const [I, H, O] = [12, 7, 4];

function net(S: number, seed: number): Mlp {
  const m = initMlp(tf, { seeds: S, inputs: I, hidden: H, outputs: O }, seed);
  m.b1.assign(tf.randomNormal([S, 1, H], 0, 0.3, 'float32', seed + 2));
  m.b2.assign(tf.randomNormal([S, 1, O], 0, 0.3, 'float32', seed + 3));
  return m;
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / s;
}

const read = (t: tf.Tensor) => Array.from(t.dataSync());

for (const backend of ['cpu', 'wasm'])
  describe(`the noisy students' SGD step on tfjs-${backend}`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });

    for (const Layout of [SideBySideTrainer, BatchedTrainer])
      it(`${Layout.name}, runs sharing a seed’s minibatch: the same costs and weights as the batched step after 6 steps`, () => {
        const [seeds, runs, B, N] = [2, 3, 8, 40];
        const S = runs * seeds;
        const x = tf.randomUniform([N, I], 0, 1, 'float32', 21) as tf.Tensor2D;
        const perm = (s: number) => Int32Array.from({ length: N }, (_, i) => (i * (2 * s + 3) + s) % N);
        const [a, b] = [net(S, 41), net(S, 41)];
        const trainer = new Layout(tf, a, seeds);
        const [optA, optB] = [tf.train.sgd(0.05), tf.train.sgd(0.05)];
        const xRows = new RowSource(tf, x);
        let before = 0;
        for (let step = 0; step < 6; step++) {
          // the trainer keeps a row of 1s from the first step
          if (step === 1) before = tf.memory().numTensors;
          const row = (s: number, r: number) => perm(s)[(step * B + r) % N];
          const ix = Int32Array.from({ length: seeds * B }, (_, j) => row(Math.floor(j / B), j % B));
          // the reference gathers every network's rows: network k reads seed k mod seeds
          const ixAll = Int32Array.from({ length: S * B }, (_, j) => row(Math.floor(j / B) % seeds, j % B));
          const targets = Float32Array.from({ length: S * B * O }, (_, j) => Math.sin(j * 0.37 + step));
          const got = studentStep(tf, trainer, optA, xRows, ix, targets);
          const want = batchedNoisyStep(tf, b, optB, x, ixAll, targets);
          expect(relErr(read(got), read(want))).toBeLessThan(1e-5);
          [got, want].forEach((t) => t.dispose());
        }
        expect(tf.memory().numTensors).toBe(before);
        trainer.writeBack();
        trainer.dispose();
        mlpVariables(a).forEach((v, i) =>
          expect(relErr(read(v), read(mlpVariables(b)[i]))).toBeLessThan(1e-4),
        );
        [a, b].forEach(disposeMlp);
        [optA, optB, x].forEach((t) => t.dispose());
      });
  });
