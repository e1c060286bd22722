/**
 * The engine as the page runs it, on a GPU machine with no browser (tfjs-webgpu through Dawn in Node,
 * and tfjs-wasm): the host with the lab's own jobs, backend 'auto'. For the linear-distillation and
 * NTK page jobs at their defaults: which backend each job's own probe picks (and the probe times), the
 * time to the first frame and to the end of the run; and the linear job on each backend by hand, so the
 * probe's choice can be checked against the whole job.
 *
 *   npx tsx tests/bench/gpu/jobBackendsNode.ts        (LAB_WASM: folder of tfjs's .wasm files)
 * Prints one JSON object; OUT_JSON also writes it there.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import './dawnShim';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  chooseBackend,
  currentGpuDevice,
  perJobCandidates,
  switchBackend,
} from '../../../src/engine/backends';
import { createHost } from '../../../src/engine/host';
import type { FromWorker } from '../../../src/engine/protocol';
import { jobs as linearJobs } from '../../../src/experiments/linear-distillation/jobs';
import { defaultParams as linearDefaults } from '../../../src/experiments/linear-distillation/params';
import { jobs as ntkJobs } from '../../../src/experiments/ntk-self-distillation/jobs';
import { defaultParams as ntkDefaults } from '../../../src/experiments/ntk-self-distillation/params';
import type { BackendReport } from '../../../src/engine/protocol';

setWasmPaths((process.env.LAB_WASM ?? path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')) + '/');
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function main() {
  let report: BackendReport | null = null;
  const out: { t: number; msg: FromWorker }[] = [];
  const t00 = performance.now();
  const registry = new Map([...linearJobs, ...ntkJobs].map((j) => [j.id, j]));
  const forced = process.env.FORCE_CANDIDATES?.split(',') as ('webgpu' | 'wasm')[] | undefined;
  const host = createHost({
    jobs: registry,
    post: (msg) => out.push({ t: performance.now(), msg }),
    initBackend: async (m) => {
      report = await chooseBackend(m.backend);
      return { tf, backend: report.active, gpuDevice: currentGpuDevice() };
    },
    probeCandidates: () => forced ?? (report ? perJobCandidates(report) : []),
    switchBackend,
  });
  const rows: Record<string, unknown>[] = [];
  const runJob = async (runId: number, job: string, params: unknown, budgetMs: number) => {
    const t0 = performance.now();
    const started = host.handle({ type: 'start', runId, job, params });
    // stop the run once it is done or its budget is spent
    const done = () =>
      out.some(
        (o) =>
          o.msg.type !== 'job-backend' &&
          'runId' in o.msg &&
          o.msg.runId === runId &&
          (o.msg.type === 'done' || o.msg.type === 'error'),
      );
    while (!done() && performance.now() - t0 < budgetMs) await new Promise((r) => setTimeout(r, 20));
    if (!done()) await host.handle({ type: 'cancel', runId });
    await started.catch(() => undefined);
    const mine = out.filter((o) => 'runId' in o.msg && o.msg.runId === runId);
    const first = mine.find((o) => o.msg.type === 'frame');
    const end = mine.find((o) => o.msg.type === 'done');
    const err = mine.find((o) => o.msg.type === 'error');
    const jb = mine.find((o) => o.msg.type === 'job-backend');
    rows.push({
      job,
      runId,
      jobBackend: jb ? (jb.msg as { report: unknown }).report : null,
      backendNow: tf.getBackend(),
      firstFrameMs: first ? Math.round(first.t - t0) : null,
      doneMs: end ? Math.round(end.t - t0) : null,
      frames: mine.filter((o) => o.msg.type === 'frame').length,
      error: err ? (err.msg as { message: string }).message : undefined,
    });
    process.stderr.write(JSON.stringify(rows.at(-1)) + '\n');
  };
  await host.handle({ type: 'init', backend: 'auto' });
  const auto = report;
  const budget = Number(process.env.JOB_BUDGET_MS ?? 120_000);
  await runJob(1, 'ntk-self-distillation', ntkDefaults, budget);
  await runJob(2, 'linear-distillation', linearDefaults, budget / 2);
  await runJob(3, 'ntk-self-distillation', ntkDefaults, budget); // cached choice: no probe
  // the linear job's Fig. 5 kernel alone, on each backend by hand
  for (const b of ['webgpu', 'wasm'] as const) {
    await host.handle({ type: 'init', backend: b });
    await runJob(
      10 + rows.length,
      'linear-distillation/bench',
      { sets: 1000, steps: 2000, n: 20, d: 50, float64: false },
      60_000,
    );
    const last = out.filter((o) => o.msg.type === 'frame').at(-1);
    rows.at(-1)!.result = last ? (last.msg as { frame: unknown }).frame : null;
  }
  const result = {
    adapter: (auto as BackendReport | null)?.adapter ?? null,
    autoReport: auto,
    rows,
    elapsedS: Math.round((performance.now() - t00) / 1000),
  };
  const text = JSON.stringify(result, null, 1);
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
