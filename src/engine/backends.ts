import * as tf from '@tensorflow/tfjs';
import type { BackendChoice, BackendName, BackendProbe, BackendReport } from './protocol';
import { backendNames } from './protocol';

/**
 * Backend choice by measurement. A real WebGPU adapter wins outright; a software one (SwiftShader,
 * `isFallbackAdapter`) is typically 10–20× slower than wasm/webgl, so then every available backend
 * runs the same small workload and the fastest is used.
 */
async function adapterInfo(): Promise<BackendReport['adapter']> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
    const description =
      [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
    const swiftshader = /swiftshader|llvmpipe|software/i.test(description);
    return { description, isFallbackAdapter: Boolean(info.isFallbackAdapter ?? legacy) || swiftshader };
  } catch {
    return null;
  }
}

/** A small workload shaped like ours (matmuls plus elementwise ops), timed after a warm-up. */
async function probe(): Promise<number> {
  const run = async () => {
    const t0 = performance.now();
    const out = tf.tidy(() => {
      const a = tf.randomNormal([128, 128], 0, 1, 'float32', 1);
      let h = a;
      for (let i = 0; i < 4; i++) h = tf.tanh(tf.matMul(h, a)).mul(0.5).add(a);
      return h.sum();
    });
    await out.data();
    out.dispose();
    return performance.now() - t0;
  };
  await run();
  const times = [await run(), await run(), await run()].sort((x, y) => x - y);
  return times[1];
}

export async function chooseBackend(requested: BackendChoice): Promise<BackendReport> {
  const adapter = await adapterInfo();
  const probes: BackendProbe[] = [];
  const registered = backendNames.filter((b) => tf.findBackendFactory(b) !== null);
  const tryBackend = async (name: BackendName): Promise<boolean> => {
    try {
      return await tf.setBackend(name);
    } catch {
      return false;
    }
  };

  if (requested !== 'auto') {
    if (await tryBackend(requested)) {
      await tf.ready();
      probes.push({ name: requested, available: true, ms: await probe() });
      return { active: requested, requested, reason: 'chosen by you', probes, adapter };
    }
    probes.push({ name: requested, available: false, ms: null, note: 'failed to initialise' });
  } else if (
    adapter &&
    !adapter.isFallbackAdapter &&
    registered.includes('webgpu') &&
    (await tryBackend('webgpu'))
  ) {
    await tf.ready();
    probes.push({ name: 'webgpu', available: true, ms: await probe() });
    return {
      active: 'webgpu',
      requested,
      reason: `hardware GPU adapter (${adapter.description})`,
      probes,
      adapter,
    };
  }

  for (const name of registered) {
    if (probes.some((p) => p.name === name)) continue;
    if (await tryBackend(name)) {
      await tf.ready();
      const note = name === 'webgpu' && adapter?.isFallbackAdapter ? 'software adapter' : undefined;
      probes.push({ name, available: true, ms: await probe(), note });
    } else probes.push({ name, available: false, ms: null, note: 'not available here' });
  }
  const ok = probes.filter((p) => p.available && p.ms !== null).sort((a, b) => a.ms! - b.ms!);
  if (ok.length === 0) throw new Error('no tfjs backend could be initialised');
  const best = ok[0];
  await tf.setBackend(best.name);
  await tf.ready();
  const fell = requested !== 'auto' ? `${requested} unavailable; ` : '';
  return {
    active: best.name,
    requested,
    reason: `${fell}fastest by measurement (${best.ms!.toFixed(1)} ms probe)`,
    probes,
    adapter,
  };
}

/** The WebGPU backend's own device, for custom WGSL kernels next to tfjs. */
export function currentGpuDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const be = tf.backend() as unknown as { device?: GPUDevice };
  return be.device ?? null;
}

/**
 * Backends worth a job's own probe: only with the backend on 'auto' and a hardware GPU, where the
 * general probe took WebGPU outright and some jobs (small batched products) still run faster on wasm.
 * On a CPU-only machine the general probe already compared the software backends on matmul work, and
 * probing again per job would only delay the first figure.
 */
export function perJobCandidates(report: BackendReport): BackendName[] {
  if (report.requested !== 'auto') return [];
  if (report.active === 'webgpu' && report.adapter && !report.adapter.isFallbackAdapter)
    return ['webgpu', 'wasm'];
  return [];
}

/** Switches tfjs to `name` (a job's own backend): the job context's base, or null if it cannot start. */
export async function switchBackend(name: BackendName) {
  try {
    if (!(await tf.setBackend(name))) return null;
    await tf.ready();
    return { tf, backend: name, gpuDevice: currentGpuDevice() };
  } catch {
    return null;
  }
}
