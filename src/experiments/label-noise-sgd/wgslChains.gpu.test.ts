/**
 * Runs the WGSL chain kernel on a real WebGPU implementation (Dawn for Node, SwiftShader on CPU-only
 * machines) and checks it against advanceChainsCpu, in a child process (wgslChains.gpu-check.ts; see
 * tests/tools/gpuChild.ts). Set LAB_SKIP_GPU=1 to skip where no WebGPU adapter can exist; otherwise a
 * missing adapter is a failure, not a silent pass.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGpuOk as expectOk, runGpuChild, skipGpu } from '../../../tests/tools/gpuChild';
import { WgslOlsChains, type ChainsInit } from './wgslChains';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wgslChains.gpu-check.ts');
const runChild = (timeoutMs: number) => runGpuChild(script, timeoutMs);

describe('WgslOlsChains input validation (no GPU needed)', () => {
  const n = 4;
  const base: ChainsInit = {
    x0: new Float32Array(n),
    x1: new Float32Array(n),
    y: new Float32Array(n),
    n,
    eta: 0.01,
    batch: 2,
    pos: new Float32Array(4),
    rng: new Uint32Array([1, 2]),
  };
  // validate() runs before the device is touched, so a dummy device suffices.
  const device = {} as GPUDevice;

  it('rejects batch > n', () => {
    expect(() => WgslOlsChains.create(device, { ...base, batch: 5 })).toThrow(
      /batch 5 exceeds the number of samples n = 4/,
    );
  });
  it('rejects batch > 64, n > 1000, inconsistent lengths and zero rng states', () => {
    const big = 1001;
    const arr = new Float32Array(big);
    expect(() =>
      WgslOlsChains.create(device, { ...base, x0: arr, x1: arr, y: arr, n: big, batch: 65 }),
    ).toThrow(/kernel maximum of 1000/);
    expect(() =>
      WgslOlsChains.create(device, { ...base, x0: arr, x1: arr, y: arr, n: 100, batch: 65 }),
    ).toThrow(/x0.length/);
    const hundred = new Float32Array(100);
    expect(() =>
      WgslOlsChains.create(device, { ...base, x0: hundred, x1: hundred, y: hundred, n: 100, batch: 65 }),
    ).toThrow(/kernel maximum of 64/);
    expect(() => WgslOlsChains.create(device, { ...base, pos: new Float32Array(3) })).toThrow(/pos.length/);
    expect(() => WgslOlsChains.create(device, { ...base, rng: new Uint32Array([1, 0]) })).toThrow(
      /chain 1 is 0/,
    );
  });
});

describe('WgslOlsChains on WebGPU (Dawn/SwiftShader)', () => {
  it.skipIf(skipGpu)(
    'matches advanceChainsCpu over 300 steps split into two run() calls',
    async () => {
      const res = await runChild(120_000);
      expectOk(res);
      expect(res.gpuError).toBeNull();
      expect(res.validationError).toMatch(/batch 5 exceeds the number of samples n = 4/);
      expect(res.rngMismatches).toBe(0);
      expect(res.maxAbsDiff as number).toBeLessThan(1e-3);
    },
    150_000,
  );
});
