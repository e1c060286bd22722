/**
 * Runs WgslOlsChains on a real WebGPU implementation (Dawn for Node, the `webgpu` package) and
 * prints one JSON line on stdout. Spawned by wgslChains.gpu.test.ts in a child process, because the
 * SwiftShader Vulkan driver is selected by loader env vars that must exist before the process starts.
 *
 * It compares 64 chains × 300 steps with advanceChainsCpu; timings live in tests/bench/gpu/olsChainsNode.ts.
 *
 * Exit code 0 with JSON on success, 2 when no adapter/device is available, 1 on other errors.
 */
import { create, globals } from 'webgpu';
import { chainSeed, xorshift32 } from '../../math/chainRng';
import { gaussian } from '../../math/rng';
import { advanceChainsCpu } from './sgdCpu';
import { WgslOlsChains } from './wgslChains';

Object.assign(globalThis, globals);
// Module scope on purpose: if the GPU instance is garbage-collected, Dawn stops delivering device
// events (mapAsync never settles, or the process crashes on teardown).
const gpu = create([]);

function emit(obj: unknown, code: number): never {
  process.stdout.write(JSON.stringify(obj) + '\n');
  // Dawn keeps native handles alive; exit explicitly so the parent never waits on a lingering loop.
  process.exit(code);
}

/** Deterministic N(0,1) source (xorshift32 + Box–Muller), so the check data is fixed. */
function gaussians(seed: number): () => number {
  let s = chainSeed(seed, 0);
  const uniform = () => {
    s = xorshift32(s) >>> 0; // unsigned view, whatever int/uint convention xorshift32 returns
    return (s + 0.5) / 4294967296;
  };
  // uniform() ≥ 2⁻³³ > 0, so gaussian's guard against u = 0 never acts: the same draws as before.
  return () => gaussian(uniform);
}

function makeData(n: number, seed: number) {
  const g = gaussians(seed);
  const sd = Math.sqrt(20);
  const x0 = new Float32Array(n);
  const x1 = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x0[i] = sd * g();
    x1[i] = sd * g();
    y[i] = x0[i] + x1[i] + 0.5 * g();
  }
  return { n, x0, x1, y };
}

async function getDevice(): Promise<{ device: GPUDevice; adapter: Record<string, string> }> {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) emit({ ok: false, error: 'no WebGPU adapter (is chromium/SwiftShader installed?)' }, 2);
  const info = adapter.info;
  const device = await adapter.requestDevice();
  device.addEventListener('uncapturederror', (e) => {
    emit({ ok: false, error: `uncaptured WebGPU error: ${(e as GPUUncapturedErrorEvent).error.message}` }, 1);
  });
  return {
    device,
    adapter: {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
    },
  };
}

async function check(): Promise<void> {
  const { device, adapter } = await getDevice();
  const chains = 64;
  const eta = 0.01;
  const batch = 5;
  const data = makeData(100, 11);
  const pos = new Float32Array(2 * chains);
  const rng = new Uint32Array(chains).map((_, c) => chainSeed(7, c));

  let validationError = '';
  try {
    // batch ≤ 64 but > n: must be rejected, or the rejection loop could never finish.
    const few = { n: 4, x0: data.x0.slice(0, 4), x1: data.x1.slice(0, 4), y: data.y.slice(0, 4) };
    WgslOlsChains.create(device, { ...few, eta, batch: 5, pos, rng });
  } catch (e) {
    validationError = (e as Error).message;
  }

  device.pushErrorScope('validation');
  const sim = WgslOlsChains.create(device, { ...data, eta, batch, pos, rng });
  // Two calls of 150 steps, and 150 is not a multiple of 64: exercises carry-over between
  // dispatches and between run() calls, and the remainder path.
  sim.run(150, 64);
  sim.run(150, 64);
  const gpuPos = await sim.readPositions();
  const gpuRng = await sim.readRng();
  const gpuErr = await device.popErrorScope();
  sim.dispose();

  const cpuData = {
    n: data.n,
    x0: Float64Array.from(data.x0),
    x1: Float64Array.from(data.x1),
    y: Float64Array.from(data.y),
  };
  const cpuPos = pos.slice();
  const cpuRng = rng.slice();
  advanceChainsCpu(cpuData, eta, batch, cpuPos, cpuRng, 300);

  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  for (let i = 0; i < cpuPos.length; i++) {
    const d = Math.abs(gpuPos[i] - cpuPos[i]);
    maxAbsDiff = Math.max(maxAbsDiff, d);
    maxRelDiff = Math.max(maxRelDiff, d / Math.max(1e-6, Math.abs(cpuPos[i])));
  }
  let rngMismatches = 0;
  for (let c = 0; c < chains; c++) if (gpuRng[c] !== cpuRng[c]) rngMismatches++;
  // A few positions for eyeballing (they should have moved from 0 to near the OLS solution ≈ [1, 1]).
  emit(
    {
      ok: true,
      adapter,
      gpuError: gpuErr ? gpuErr.message : null,
      maxAbsDiff,
      maxRelDiff,
      rngMismatches,
      validationError,
      sample: { gpu: Array.from(gpuPos.slice(0, 4)), cpu: Array.from(cpuPos.slice(0, 4)) },
    },
    0,
  );
}

check().catch((e: unknown) => {
  emit({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 1);
});
