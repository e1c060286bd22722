/**
 * Throughput of the fused WGSL SGD-chain kernel (WgslOlsChains) under Dawn for Node, no browser.
 *
 *   npx tsx tests/bench/gpu/olsChainsNode.ts                  # real GPU (Vulkan/Metal/D3D via Dawn)
 *   SMALL=1 LD_LIBRARY_PATH=/usr/lib/chromium \
 *     VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npx tsx tests/bench/gpu/olsChainsNode.ts
 *                                                             # CPU fallback (SwiftShader), shrunk sizes
 *
 * Env: SMALL=1 shrinks chain counts and steps; REPEATS (default 3); STEPS (default 1000, or 50 with SMALL).
 * Prints one JSON object: {adapter:{...}, results:[{chains, steps, ms, chainStepsPerSec}]}, where ms is
 * the best of REPEATS runs of `steps` steps in one dispatch, synchronised by readPositions(16).
 */
import { create, globals } from 'webgpu';
import { chainSeed } from '../../../src/math/chainRng';
import { gaussian } from '../../../src/math/rng';
import { WgslOlsChains } from '../../../src/experiments/label-noise-sgd/wgslChains';

Object.assign(globalThis, globals);
// Keep the GPU instance referenced for the whole run: if it is garbage-collected, Dawn stops
// delivering device events and mapAsync never settles.
const gpu = create([]);

const small = process.env.SMALL === '1';
const repeats = Number(process.env.REPEATS ?? 3);
const steps = Number(process.env.STEPS ?? (small ? 50 : 1000));
const sizes = small ? [1 << 12, 1 << 14, 1 << 16] : [1 << 16, 1 << 18, 1 << 20];

/** Fixed pseudo-random data set (x ~ N(0, 20 I), y = x·[1,1] + 0.5·noise), n = 100. */
function makeData(n: number) {
  let s = chainSeed(3, 0);
  const uniform = () => {
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  // uniform() ≥ 2⁻³³ > 0, so gaussian's guard against u = 0 never acts: the same draws as before.
  const gauss = () => gaussian(uniform);
  const x0 = new Float32Array(n);
  const x1 = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x0[i] = Math.sqrt(20) * gauss();
    x1[i] = Math.sqrt(20) * gauss();
    y[i] = x0[i] + x1[i] + 0.5 * gauss();
  }
  return { n, x0, x1, y };
}

async function main(): Promise<void> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new Error(
      'no WebGPU adapter; on a CPU-only Linux box use SMALL=1 with ' +
        'LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json',
    );
  }
  const { vendor, architecture, device: deviceName, description } = adapter.info;
  const device = await adapter.requestDevice();
  let gpuError = '';
  device.addEventListener('uncapturederror', (e) => {
    gpuError = (e as GPUUncapturedErrorEvent).error.message;
  });

  const data = makeData(100);
  const results: { chains: number; steps: number; batch: number; ms: number; chainStepsPerSec: number }[] =
    [];
  for (const chains of sizes) {
    const pos = new Float32Array(2 * chains);
    const rng = new Uint32Array(chains).map((_, c) => chainSeed(1, c));
    const sim = WgslOlsChains.create(device, { ...data, eta: 0.01, batch: 5, pos, rng });
    sim.run(1, 1); // warm-up: first dispatch pays pipeline/driver setup
    await sim.readPositions(16);
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      sim.run(steps, steps);
      await sim.readPositions(16);
      best = Math.min(best, performance.now() - t0);
    }
    sim.dispose();
    if (gpuError) throw new Error(`WebGPU error: ${gpuError}`);
    results.push({ chains, steps, batch: 5, ms: best, chainStepsPerSec: (chains * steps) / (best / 1000) });
    process.stderr.write(`${chains} chains: ${best.toFixed(1)} ms\n`);
  }
  process.stdout.write(
    JSON.stringify({ adapter: { vendor, architecture, device: deviceName, description }, results }, null, 2) +
      '\n',
  );
  device.destroy();
}

main().then(
  // Exit explicitly: Dawn's native handles can otherwise keep the process alive.
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
