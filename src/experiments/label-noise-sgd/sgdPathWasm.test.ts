import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { watBase64 } from '../../../scripts/watCompile.mjs';
import { makePanelData } from './model';
import { advancePathCpu, type PathState } from './sgdCpu';
import { sgdPathWasmBase64 as committed } from './sgdPathWasmBytes';

const run = (
  n: number,
  batch: number,
  eta: number,
  steps: number,
  kernel: 'auto' | 'js',
  limit = Infinity,
) => {
  const d = makePanelData(n, 3, 0.5, [20, 20, 0]);
  const recorded: number[][] = [];
  const state: PathState = { beta: [0.5, -0.25], rng: -123456789, iter: 3 };
  const out = advancePathCpu(
    d.soa,
    d.soa.y,
    eta,
    batch,
    state,
    steps,
    11,
    (it, b0, b1) => recorded.push([it, b0, b1]),
    limit,
    kernel,
  );
  return { out, recorded };
};

describe('the wasm path loop (sgdPath.wat)', () => {
  it('is built from the committed .wat (run scripts/make-wasm.mjs after an edit)', async () => {
    const wat = readFileSync(new URL('./sgdPath.wat', import.meta.url), 'utf8');
    expect(await watBase64('sgdPath.wat', wat)).toBe(committed);
  });

  it.each([
    [7, 1, 0.01],
    [100, 5, 0.01],
    [100, 100, 0.02],
    [3000, 32, 0.005],
    // 40000 points need more than the module's first 64 KiB page: the memory grows
    [40000, 5, 0.01],
  ])('takes the same steps as the JS loop, bit for bit (n = %i, B = %i)', (n, batch, eta) => {
    const wasm = run(n, batch, eta, 500, 'auto');
    const js = run(n, batch, eta, 500, 'js');
    expect(wasm.out).toEqual(js.out);
    expect(wasm.recorded).toEqual(js.recorded);
    expect(wasm.recorded.length).toBe(45);
    // and the path moved: the test would pass vacuously on a loop that did nothing
    expect(Math.hypot(wasm.out.beta[0] - 0.5, wasm.out.beta[1] + 0.25)).toBeGreaterThan(0.1);
  });

  it('stops a diverging path at the same step and state as the JS loop', () => {
    const wasm = run(100, 5, 1, 10_000, 'auto', 1e6);
    const js = run(100, 5, 1, 10_000, 'js', 1e6);
    expect(wasm.out.diverged).toBe(true);
    expect(wasm.out.iter).toBeLessThan(10_003);
    expect(wasm.out).toEqual(js.out);
  });
});
