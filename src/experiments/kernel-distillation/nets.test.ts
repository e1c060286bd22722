import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { watBase64 } from '../../../scripts/watCompile.mjs';
import { kernelStepSimdBase64 as committed } from './kernelStepSimdBytes';
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

describe('kernel-regime nets on tfjs-wasm: the SIMD kernels against the JavaScript loops', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });

  it('the kernels are built from the committed .wat (run scripts/make-wasm.mjs after an edit)', async () => {
    const wat = readFileSync(new URL('./kernelStepSimd.wat', import.meta.url), 'utf8');
    expect(await watBase64('kernelStepSimd.wat', wat)).toBe(committed);
  });

  for (const activation of ['tanh', 'relu'] as KdActivation[])
    it(`${activation}: the same weights after 30 steps, with tails in both loops (n = 10, runs·m = 15)`, async () => {
      // m = 5: runs·m = 15 columns, so the gradient kernel's one-column tail runs; n = 10 rows, the
      // activation kernel's
      const s = { ...spec(activation), m: 5 };
      const normal = seededNormal(11);
      s.a = Float32Array.from({ length: R * 5 }, (_, i) => (i % 2 ? 1 : -1));
      s.phi = Float32Array.from({ length: R * n * 5 }, () => 0.5 * normal());
      s.W0 = Float32Array.from({ length: R * d * 5 }, () => 0.7 * normal());
      const before = tf.memory().numTensors;
      const simd = new BatchNets(tf, s);
      const loops = new BatchNets(tf, s, { simd: false });
      for (let i = 0; i < 30; i++) {
        simd.step();
        loops.step();
      }
      const w = await simd.weights();
      // the weights moved (a step that did nothing would agree trivially)
      expect(relErr(w, s.W0)).toBeGreaterThan(1e-2);
      expect(relErr(w, await loops.weights())).toBeLessThan(1e-5);
      expect(relErr(await simd.outputs(), await loops.outputs())).toBeLessThan(1e-5);
      simd.dispose();
      loops.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
});
