import { EngineClient } from '../engine/client';
import type { BackendChoice, BackendReport } from '../engine/protocol';
import type { LabStore } from '../store/labStore';
import type { RunControls } from './runController';

/**
 * `window.__labRunJob(backend, job, params)`: run one job to completion in a fresh worker and return
 * its frames. Used by `npm run bench` and the e2e tests to drive the real engine in the real browser.
 */
export function installBenchHook(makeWorker: () => Worker) {
  (window as unknown as Record<string, unknown>).__labRunJob = (
    backend: BackendChoice,
    job: string,
    params: unknown,
  ) =>
    new Promise<{ report: BackendReport | null; frames: unknown[] }>((resolve, reject) => {
      let report: BackendReport | null = null;
      const frames: unknown[] = [];
      const client: EngineClient = new EngineClient(makeWorker, {
        onReady: (r) => {
          report = r;
          client.start(job, params);
        },
        onFrame: (_id, f) => frames.push(f),
        onDone: () => {
          client.terminate();
          resolve({ report, frames });
        },
        onError: (_id, m) => {
          client.terminate();
          reject(new Error(m));
        },
      });
      client.init(backend);
    });
}

/**
 * `window.__labStore` (the live store) and `window.__labEngine` (tf.memory() of the page's worker, and
 * fault injection): the reliability suite's handles on the running page, in test builds only.
 */
export function installReliabilityHooks(store: LabStore, engine: RunControls['engine']) {
  const w = window as unknown as Record<string, unknown>;
  w.__labStore = store;
  w.__labEngine = engine;
}
