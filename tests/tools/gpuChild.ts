/**
 * Runs a WebGPU check script in a child process (Dawn for Node; Debian chromium's SwiftShader Vulkan
 * driver on CPU-only machines) and parses the one JSON line it prints. A child, because the Vulkan
 * loader reads LD_LIBRARY_PATH / VK_ICD_FILENAMES only at process start.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const chromium = '/usr/lib/chromium';
const swiftshaderIcd = path.join(chromium, 'vk_swiftshader_icd.json');

/** LAB_SKIP_GPU=1 skips where no WebGPU adapter can exist; otherwise a missing adapter fails. */
export const skipGpu = process.env.LAB_SKIP_GPU === '1';

export interface ChildResult {
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

/** Runs `script` (a path) with tsx from the repo root; resolves with its last stdout line as JSON. */
export function runGpuChild(script: string, timeoutMs: number): Promise<ChildResult> {
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

export function expectGpuOk(res: ChildResult): void {
  if (!res.ok)
    throw new Error(
      `WebGPU check failed: ${res.error ?? 'unknown error'}` +
        ' (needs a WebGPU adapter: Dawn + SwiftShader from /usr/lib/chromium; set LAB_SKIP_GPU=1 to skip)',
    );
}
