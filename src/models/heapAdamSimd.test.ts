import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watBase64 } from '../../scripts/watCompile.mjs';
import { HeapAdam } from './heapAdam';
import { heapAdamSimdBase64 as committed } from './heapAdamSimdBytes';

setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);

const relErr = (a: Float32Array, b: Float32Array) => {
  let num = 0;
  let den = 0;
  a.forEach((x, i) => {
    num += (x - b[i]) ** 2;
    den += b[i] ** 2;
  });
  return Math.sqrt(num / den);
};

describe('Adam as a wasm SIMD kernel in the tfjs-wasm heap (heapAdamSimd.wat)', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });
  afterAll(() => tf.setBackend('cpu'));

  it('is built from the committed .wat (run scripts/make-wasm.mjs after an edit)', async () => {
    const wat = readFileSync(new URL('./heapAdamSimd.wat', import.meta.url), 'utf8');
    expect(await watBase64('heapAdamSimd.wat', wat)).toBe(committed);
  });

  // sizes whose rows are not multiples of 4 (the scalar tails), gradients as tensors, host values and
  // transposes; 20 steps, so the moments and the bias correction both matter
  it.each([
    ['a tensor', [7, 13]],
    ['host values', [5, 11]],
    ['a transpose', [9, 13]],
    ['a transpose', [4, 8]],
  ] as const)('matches the JavaScript loop for a gradient given as %s, [%s] weights', async (kind, dims) => {
    const shape: [number, number] = [dims[0], dims[1]];
    const run = async (simd: boolean) => {
      const opt = HeapAdam.forBackend(tf, 0.05, { simd });
      if (!opt) throw new Error('no HeapAdam on wasm');
      expect(opt.usesSimd).toBe(simd);
      const w0 = tf.randomNormal(shape, 0, 1, 'float32', 1);
      const w = tf.variable(w0);
      w0.dispose();
      for (let step = 0; step < 20; step++) {
        const seed = 100 + step;
        const g =
          kind === 'a transpose'
            ? tf.randomNormal([shape[1], shape[0]], 0, 1, 'float32', seed)
            : tf.randomNormal(shape, 0, 1, 'float32', seed);
        const grad =
          kind === 'a tensor'
            ? g
            : kind === 'host values'
              ? ((await g.data()) as Float32Array)
              : { transposeOf: g as tf.Tensor2D };
        opt.update([w], [grad]);
        g.dispose();
      }
      const out = (await w.data()) as Float32Array;
      w.dispose();
      opt.dispose();
      return out;
    };
    const before = tf.memory().numTensors;
    const [simd, js] = [await run(true), await run(false)];
    expect(tf.memory().numTensors).toBe(before);
    // float32 SIMD against float64 JavaScript arithmetic: rounding only, ~2e-6 after 20 steps (a wrong
    // lane, tail or stride moves a weight by ~lr, 0.1 here)
    expect(relErr(simd, js)).toBeLessThan(1e-5);
    // and the weights did move: 20 steps of ~lr = 0.05 each
    const init0 = tf.randomNormal(shape, 0, 1, 'float32', 1);
    const init = (await init0.data()) as Float32Array;
    init0.dispose();
    expect(relErr(simd, init)).toBeGreaterThan(0.1);
  });

  it('rejects a gradient of the wrong size, and a transpose of the wrong shape', () => {
    const opt = HeapAdam.forBackend(tf, 0.01);
    if (!opt) throw new Error('no HeapAdam on wasm');
    const w0 = tf.zeros([3, 5]);
    const w = tf.variable(w0);
    w0.dispose();
    const g = tf.zeros([3, 5]) as tf.Tensor2D;
    expect(() => opt.update([w], [new Float32Array(14)])).toThrow(/14 values for 15/);
    expect(() => opt.update([w], [{ transposeOf: g }])).toThrow(/not the transpose/);
    [w, g].forEach((t) => t.dispose());
    opt.dispose();
  });
});
