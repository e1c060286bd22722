import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchedKdNets } from '../../../tests/reference/batchedSteps';
import { seededNormal } from '../../math/rng';
import type { KdActivation } from './math/kernelDistillation';
import { BatchNets, type BatchSpec } from './nets';

/**
 * The side-by-side nets (W [d, runs·m], 2-D products; issue 19) against the stacked, batched formulation
 * they replaced (tests/reference/batchedSteps.ts): the same weights, outputs and losses after a run of GD
 * steps within float32 tolerance, on tfjs-cpu and tfjs-wasm.
 */

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);

const [R, n, d, m, nTest, nVal] = [3, 10, 6, 4, 7, 5];

function spec(activation: KdActivation): BatchSpec {
  const normal = seededNormal(3);
  const v = (k: number, s = 1) => Float32Array.from({ length: k }, () => s * normal());
  return {
    runs: R,
    n,
    d,
    m,
    activation,
    X: v(n * d),
    testX: v(nTest * d),
    nTest,
    y: v(n),
    testY: v(nTest),
    valX: v(nVal * d),
    valY: v(nVal),
    nVal,
    a: Float32Array.from({ length: R * m }, (_, i) => ((i * 7) % 3 === 0 ? 1 : -1)),
    lam: Float32Array.from([0, 0.5, 3]),
    eta: Float32Array.from([0.05, 0.02, 0.01]),
    phi: v(R * n * m, 0.5),
    W0: v(R * d * m, 0.7),
  };
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    e = Math.max(e, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return e / s;
}

for (const backend of ['cpu', 'wasm'])
  describe(`kernel-regime nets on tfjs-${backend}: side by side against stacked`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
    });

    for (const activation of ['tanh', 'relu'] as KdActivation[])
      it(`${activation}: weights, outputs and losses after 20 steps`, async () => {
        const s = spec(activation);
        const before = tf.memory().numTensors;
        const nets = new BatchNets(tf, s);
        const ref = new BatchedKdNets(tf, s);
        expect(relErr(await nets.weights(), s.W0)).toBe(0);
        for (let i = 0; i < 20; i++) {
          nets.step();
          ref.step();
        }
        expect(relErr(await nets.weights(), await ref.W.data())).toBeLessThan(1e-5);
        const out = await nets.outputs();
        expect(relErr(out, await ref.outputs())).toBeLessThan(1e-5);
        // the training MSE is the mean squared residual of those outputs
        const mse = Array.from({ length: R }, (_, r) => {
          let e = 0;
          for (let i = 0; i < n; i++) e += (out[r * n + i] - s.y[i]) ** 2;
          return e / n;
        });
        const l = await nets.losses();
        expect(relErr(l.train, mse)).toBeLessThan(1e-5);
        expect(l.test.length).toBe(R);
        expect(l.val.length).toBe(R);
        nets.dispose();
        ref.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
  });
