import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice, BackendName, BackendProbe, BackendReport } from './protocol';
import { backendNames } from './protocol';

/**
 * The large backends load on demand: before its first job the worker parses tfjs-core and the wasm
 * backend only (statically imported by the worker's entry), not WebGPU's and WebGL's code, which a
 * machine without such hardware never runs. A hardware adapter starts WebGPU's import at once.
 */
const loaders: Partial<Record<BackendName, () => Promise<unknown>>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};
const loading = new Map<BackendName, Promise<boolean>>();

/** Imports `name`'s backend if it is not registered yet; true when tfjs then has its factory. */
export function loadBackend(name: BackendName): Promise<boolean> {
  if (tf.findBackendFactory(name) !== null) return Promise.resolve(true);
  let p = loading.get(name);
  if (!p) {
    const load = loaders[name];
    p = load
      ? load().then(
          () => tf.findBackendFactory(name) !== null,
          () => false,
        )
      : Promise.resolve(false);
    loading.set(name, p);
  }
  return p;
}

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

/** The WebGL renderer's name (a software one is SwiftShader or llvmpipe), or null without WebGL. */
function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

const software = /swiftshader|llvmpipe|softpipe|software/i;

/**
 * Which backends the automatic choice times, and which it leaves out and why: starting a backend is
 * most of the first figure's wait (seconds for SwiftShader's WebGPU and WebGL), so a backend that
 * cannot win is not started. A software GPU (WebGPU or WebGL) is 10–100× slower than wasm, and cpu is
 * tfjs's plain-JS reference, slower than wasm by construction: they are started only when nothing
 * else works.
 */
export function probePlan(
  registered: readonly BackendName[],
  adapter: BackendReport['adapter'],
  renderer: string | null,
): { probe: BackendName[]; skipped: { name: BackendName; note: string }[] } {
  const probe: BackendName[] = [];
  const skipped: { name: BackendName; note: string }[] = [];
  for (const name of registered) {
    if (name === 'webgpu' && (!adapter || adapter.isFallbackAdapter))
      skipped.push({ name, note: adapter ? 'software adapter' : 'no adapter' });
    else if (name === 'webgl' && (renderer === null || software.test(renderer)))
      skipped.push({
        name,
        note: renderer ? `software renderer, ${software.exec(renderer)?.[0] ?? renderer}` : 'no WebGL 2',
      });
    else if (name === 'cpu' && registered.includes('wasm')) skipped.push({ name, note: 'wasm is faster' });
    else probe.push(name);
  }
  return { probe, skipped };
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

/**
 * Backend choice by measurement. A real WebGPU adapter wins outright; a software one (SwiftShader,
 * `isFallbackAdapter`) is typically 10–20× slower than wasm/webgl, so then every available backend
 * runs the same small workload and the fastest is used.
 */
export async function chooseBackend(requested: BackendChoice): Promise<BackendReport> {
  const adapter = await adapterInfo();
  const probes: BackendProbe[] = [];
  // Every backend this build can start (the worker imports most on demand, see loadBackend).
  const loadable = backendNames.filter((b) => tf.findBackendFactory(b) !== null || loaders[b] !== undefined);
  const tryBackend = async (name: BackendName): Promise<boolean> => {
    try {
      return (await loadBackend(name)) && (await tf.setBackend(name));
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
    loadable.includes('webgpu') &&
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

  const plan = probePlan(loadable, adapter, webglRenderer());
  const tryAll = async (names: BackendName[]) => {
    for (const name of names) {
      if (probes.some((p) => p.name === name)) continue;
      if (await tryBackend(name)) {
        await tf.ready();
        probes.push({ name, available: true, ms: await probe() });
      } else probes.push({ name, available: false, ms: null, note: 'not available here' });
    }
  };
  await tryAll(plan.probe);
  // The fallbacks only when nothing worth trying started (cpu when wasm failed, say).
  if (!probes.some((p) => p.available)) await tryAll(plan.skipped.map((x) => x.name));
  for (const x of plan.skipped)
    if (!probes.some((p) => p.name === x.name))
      probes.push({ name: x.name, available: !/^no /.test(x.note), ms: null, note: `${x.note}: not tried` });
  const ok = probes.filter((p) => p.available && p.ms !== null).sort((a, b) => a.ms! - b.ms!);
  if (ok.length === 0) throw new Error('no tfjs backend could be initialised');
  const best = ok[0];
  await tf.setBackend(best.name);
  await tf.ready();
  const fell = requested !== 'auto' ? `${requested} unavailable; ` : '';
  return {
    active: best.name,
    requested,
    reason: `${fell}fastest by measurement (${best.ms!.toFixed(1)} ms probe${
      plan.skipped.length
        ? `; not started: ${plan.skipped.map((x) => `${x.name} (${x.note})`).join(', ')}`
        : ''
    })`,
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
    if (!(await loadBackend(name)) || !(await tf.setBackend(name))) return null;
    await tf.ready();
    return { tf, backend: name, gpuDevice: currentGpuDevice() };
  } catch {
    return null;
  }
}
