// tfjs-core and the wasm backend only: the umbrella package adds layers, converter and data (unused
// here), and WebGPU, WebGL and cpu load on demand (backends.ts), so the worker parses far less code
// before its first job.
import * as tf from '@tensorflow/tfjs-core';
// The chained ops (t.mul(…), t.add(…)) the jobs use: the umbrella package registered them.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend, currentGpuDevice, perJobCandidates, switchBackend } from './backends';
import { createHost } from './host';
import type { JobRegistry } from './job';
import type { BackendReport, FromWorker, ToWorker } from './protocol';

/** Wires the engine host to a dedicated worker's message port; the job registry comes from the app. */
export function startWorker(jobs: JobRegistry): void {
  // Threaded wasm crashes in minified builds and needs cross-origin isolation we do not have.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // Bundled wasm files: no CDN, works under any sub-path.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  const post = (msg: FromWorker, transfer: Transferable[] = []) =>
    (self as unknown as Worker).postMessage(msg, transfer);
  let lastReport: BackendReport | null = null;
  const host = createHost({
    jobs,
    post,
    initBackend: async (msg) => {
      const report = await chooseBackend(msg.backend);
      lastReport = report;
      const gpuDevice = currentGpuDevice();
      // A lost device never comes back to this worker: say so, and the page starts a fresh one.
      void gpuDevice?.lost.then((info) =>
        post({ type: 'device-lost', message: info.message || `reason: ${info.reason ?? 'unknown'}` }),
      );
      post({ type: 'ready', report });
      return { tf, backend: report.active, gpuDevice };
    },
    onFault: import.meta.env.VITE_LAB_HOOKS === '1' ? injectFault : undefined,
    probeCandidates: () => (lastReport ? perJobCandidates(lastReport) : []),
    switchBackend,
  });
  self.onmessage = (e: MessageEvent<ToWorker>) => void host.handle(e.data);
}

/** Faults the reliability suite injects (test builds only; the shipped bundle drops this path). */
function injectFault(kind: 'crash' | 'lose-device'): void {
  if (kind === 'crash') {
    // Thrown outside any handler, as a real crash would be: the page sees the worker's error event.
    setTimeout(() => {
      throw new Error('injected crash (reliability test)');
    });
  } else {
    const device = currentGpuDevice();
    if (device) device.destroy();
    else throw new Error(`no GPU device to lose (backend: ${tf.getBackend()})`);
  }
}
