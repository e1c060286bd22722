/**
 * NTK training (normal GD + Algorithm 1, two nets batched) on tfjs-webgpu under Dawn for Node, no
 * browser: the step as tfjs ops against the fused WGSL step, in one run, with the job's own code.
 *
 *   npx tsx tests/bench/gpu/ntkTrainNode.ts                     # real GPU (Vulkan via Dawn)
 *   SMALL=1 LD_LIBRARY_PATH=/usr/lib/chromium \
 *     VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npx tsx tests/bench/gpu/ntkTrainNode.ts
 *
 * Env: SMALL=1 shrinks sizes; LAB_DATA: folder of the Fashion-MNIST subset (default public/data/);
 * OUT_JSON: also write the result there. Prints one JSON object: per case, ms per step (metrics and
 * spectra excluded, as the job books them) and the job's wall time to its last metrics frame.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { gpu } from './dawnShim';
import { createJobContext } from '../../../src/engine/job';
import { loadFashionSubset } from '../../../src/data/fashionMnist';
import { ntkTrainJob } from '../../../src/experiments/ntk-self-distillation/trainJob';
import {
  defaultNtkTrainParams,
  type NtkTrainParams,
} from '../../../src/experiments/ntk-self-distillation/trainParams';

const small = process.env.SMALL === '1';
const t00 = performance.now();

async function main() {
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  const ok = await tf.setBackend('webgpu');
  await tf.ready();
  const device = (tf.backend() as unknown as { device: GPUDevice }).device;
  const ctx = createJobContext({ tf, backend: 'webgpu', gpuDevice: device });
  const dataDir = process.env.LAB_DATA ?? 'public/data/';
  const fashion = await loadFashionSubset(async (f) => {
    const b = await readFile(f);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }, dataDir).catch(() => undefined);

  const base: NtkTrainParams = { ...defaultNtkTrainParams, n: 256, d: 32, spectrumM: 4, evalEvery: 50 };
  const cases: { name: string; p: Partial<NtkTrainParams>; opsIters: number; fusedIters: number }[] = small
    ? [{ name: 'clusters 32×32×128', p: { n: 32, width: 128 }, opsIters: 20, fusedIters: 20 }]
    : [
        { name: 'clusters n=256 d=32 k=1024', p: { width: 1024 }, opsIters: 200, fusedIters: 2000 },
        { name: 'clusters n=256 d=32 k=4096', p: { width: 4096 }, opsIters: 200, fusedIters: 2000 },
        { name: 'clusters n=256 d=32 k=16384', p: { width: 16384 }, opsIters: 100, fusedIters: 1000 },
        { name: 'page default (k=2048, 1500 its)', p: {}, opsIters: 1500, fusedIters: 1500 },
        {
          name: 'fashion n=512 d=784 k=4096 C=10',
          p: { data: 'fashion', trainSize: 512, testSize: 500, width: 4096, p: 0.4 },
          opsIters: 100,
          fusedIters: 1000,
        },
      ];
  const rows = [];
  for (const c of cases) {
    if (c.p.data === 'fashion' && !fashion) continue;
    for (const kernel of ['ops', 'auto'] as const) {
      const iterations = kernel === 'ops' ? c.opsIters : c.fusedIters;
      const t0 = performance.now();
      let row: Record<string, unknown> = { name: c.name, kernel, iterations };
      try {
        for await (const f of ntkTrainJob(
          { ...base, ...c.p, iterations, stepKernel: kernel },
          ctx,
          fashion,
        )) {
          if (f.kind === 'start') row = { ...row, stepKernel: f.stepKernel, setupMs: Math.round(f.setupMs) };
          if (f.kind === 'done')
            row = {
              ...row,
              msPerStep: Number(f.msPerStep.toPrecision(4)),
              totalMs: Math.round(f.totalMs),
              normalLoss: f.normal.loss,
              sdTestAccuracy: f.selfDistill.testAccuracy,
            };
        }
      } catch (e) {
        row.error = e instanceof Error ? e.message : String(e);
      }
      row.wallMs = Math.round(performance.now() - t0);
      rows.push(row);
      process.stderr.write(JSON.stringify(row) + '\n');
    }
  }
  const out = {
    adapter: adapter && {
      vendor: adapter.info.vendor,
      architecture: adapter.info.architecture,
      description: adapter.info.description,
    },
    backendOk: ok,
    rows,
    leakedTensors: tf.memory().numTensors,
    elapsedS: Math.round((performance.now() - t00) / 1000),
  };
  const text = JSON.stringify(out, null, 1);
  if (process.env.OUT_JSON) await writeFile(process.env.OUT_JSON, text + '\n');
  process.stdout.write(text + '\n');
  process.exit(0);
}

main().catch((e) => {
  process.stdout.write(
    JSON.stringify({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }) + '\n',
  );
  process.exit(1);
});
