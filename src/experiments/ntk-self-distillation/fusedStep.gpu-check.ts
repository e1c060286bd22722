/**
 * Runs the NTK training job on tfjs-webgpu over Dawn (the `webgpu` package; SwiftShader on a CPU-only
 * machine) twice per case — steps as tfjs ops, and as the fused WGSL step — and prints one JSON line:
 * the largest differences of the metrics the page draws. Spawned by fusedStep.gpu.test.ts in a child
 * process (the Vulkan loader reads its env at process start).
 *
 * Exit code 0 with JSON on success, 2 when no adapter is available, 1 on other errors.
 */
import { readFile } from 'node:fs/promises';
import { create, globals } from 'webgpu';
import { createJobContext } from '../../engine/job';
import { loadFashionSubset } from '../../data/fashionMnist';
import type { NtkFrame } from './frames';
import { ntkTrainJob } from './trainJob';
import { defaultNtkTrainParams, type NtkTrainParams } from './trainParams';

Object.assign(globalThis, globals);
// Module scope: if the GPU instance is garbage-collected, Dawn stops delivering device events.
const gpu = create([]);
Object.defineProperty(globalThis, 'navigator', {
  value: { gpu, userAgent: 'Node.js (dawn.node)', hardwareConcurrency: 1 },
  configurable: true,
  writable: true,
});

function emit(obj: unknown, code: number): never {
  process.stdout.write(JSON.stringify(obj) + '\n');
  process.exit(code);
}

const cases: { name: string; p: Partial<NtkTrainParams> }[] = [
  { name: 'clusters, sign, chance α', p: {} },
  { name: 'clusters, tanh h, paper α', p: { h: 'softmax', tau: 0.5, alphaRule: 'paper', lambda: 0.8 } },
  { name: 'clusters, piecewise h, linear α', p: { h: 'piecewise', alphaRule: 'linear', rho: 0.2 } },
  {
    name: 'fashion (C = 10), softmax h',
    p: { data: 'fashion', trainSize: 24, testSize: 20, h: 'softmax', tau: 1, p: 0.3 },
  },
  {
    name: 'fashion (C = 10), hardmax h',
    p: { data: 'fashion', trainSize: 24, testSize: 20, h: 'sign', p: 0.3 },
  },
];

async function main() {
  const adapter = await gpu.requestAdapter();
  if (!adapter) emit({ ok: false, error: 'no WebGPU adapter (is chromium/SwiftShader installed?)' }, 2);
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) emit({ ok: false, error: 'tfjs webgpu backend did not start' }, 2);
  await tf.ready();
  const device = (tf.backend() as unknown as { device: GPUDevice }).device;
  const fashion = await loadFashionSubset(async (f) => {
    const b = await readFile(f);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }, 'public/data/');
  const ctx = createJobContext({ tf, backend: 'webgpu', gpuDevice: device });
  const results = [];
  const tensors0 = tf.memory().numTensors;
  for (const c of cases) {
    const p: NtkTrainParams = {
      ...defaultNtkTrainParams,
      n: 32,
      width: 64,
      iterations: 30,
      evalEvery: 10,
      nTest: 32,
      spectrumM: 2,
      ...c.p,
    };
    const run = async (stepKernel: 'auto' | 'ops') => {
      const frames: NtkFrame[] = [];
      for await (const f of ntkTrainJob({ ...p, stepKernel }, ctx, fashion)) frames.push(f);
      return frames;
    };
    const ops = await run('ops');
    const fusedRun = await run('auto');
    const kernel = (fs: NtkFrame[]) => fs.find((f) => f.kind === 'start')?.stepKernel;
    const metrics = (fs: NtkFrame[]) => fs.filter((f) => f.kind === 'metrics');
    const a = metrics(ops);
    const b = metrics(fusedRun);
    let maxLoss = 0;
    let maxAcc = 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      for (const run of ['normal', 'selfDistill'] as const) {
        const x = a[i][run];
        const y = b[i][run];
        maxLoss = Math.max(maxLoss, Math.abs(x.loss - y.loss) / Math.max(1e-6, Math.abs(x.loss)));
        maxAcc = Math.max(maxAcc, Math.abs(x.testAccuracy - y.testAccuracy));
      }
    const last = (fs: NtkFrame[]) => {
      const m = metrics(fs).at(-1);
      return (
        m && {
          iteration: m.iteration,
          loss: m.normal.loss,
          sdLoss: m.selfDistill.loss,
          alpha: m.selfDistill.alpha,
        }
      );
    };
    results.push({
      name: c.name,
      kernels: [kernel(ops), kernel(fusedRun)],
      frames: [a.length, b.length],
      maxRelLossDiff: maxLoss,
      maxTestAccuracyDiff: maxAcc,
      last: [last(ops), last(fusedRun)],
    });
  }
  emit(
    {
      ok: true,
      adapter: adapter.info.description || adapter.info.vendor,
      leakedTensors: tf.memory().numTensors - tensors0,
      results,
    },
    0,
  );
}

main().catch((e) =>
  emit({ ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }, 1),
);
