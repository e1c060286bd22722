/**
 * Runs the WGSL chain kernel on a real WebGPU implementation (Dawn for Node, SwiftShader on CPU-only
 * machines) and checks it against advanceChainsCpu. The GPU work happens in a child process
 * (wgslChains.gpu-check.ts) because the Vulkan loader reads LD_LIBRARY_PATH / VK_ICD_FILENAMES only
 * at process start. Set LAB_SKIP_GPU=1 to skip where no WebGPU adapter can exist; otherwise a
 * missing adapter is a failure, not a silent pass.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WgslOlsChains, type ChainsInit } from './wgslChains';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const script = path.join(here, 'wgslChains.gpu-check.ts');
const chromium = '/usr/lib/chromium';
const swiftshaderIcd = path.join(chromium, 'vk_swiftshader_icd.json');
const skipGpu = process.env.LAB_SKIP_GPU === '1';

interface ChildResult {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

function gpuEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Use Debian chromium's SwiftShader Vulkan driver unless the caller chose a Vulkan ICD already.
  if (!env.VK_ICD_FILENAMES && existsSync(swiftshaderIcd)) {
    env.VK_ICD_FILENAMES = swiftshaderIcd;
    env.LD_LIBRARY_PATH = env.LD_LIBRARY_PATH ? `${chromium}:${env.LD_LIBRARY_PATH}` : chromium;
  }
  return env;
}

function runChild(timeoutMs: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(tsx, [script], { cwd: root, env: gpuEnv(), timeout: timeoutMs }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        const hint = existsSync(swiftshaderIcd)
          ? ''
          : ` (no SwiftShader at ${swiftshaderIcd}: install chromium, or set LAB_SKIP_GPU=1 to skip)`;
        reject(
          new Error(
            `GPU check child produced no JSON${hint}: ${err?.message ?? ''}\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
      }
    });
  });
}

function expectOk(res: ChildResult): void {
  if (!res.ok) {
    throw new Error(
      `WebGPU check failed: ${res.error ?? 'unknown error'}` +
        ' (needs a WebGPU adapter: Dawn + SwiftShader from /usr/lib/chromium; set LAB_SKIP_GPU=1 to skip)',
    );
  }
}

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
