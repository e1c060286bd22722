/**
 * Issue 19's anchors and CPU step rows for `npm run bench`, run in the same bench run as the lab's
 * numbers: the SGD path's loop in C (gcc -O3), and the network steps on tfjs-wasm against their own
 * bare matmuls (tests/bench/wasmSteps.ts in a child process: Node, the jobs' own step code).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The same SGD path loop in C: ms per 10⁶ iterations, or why it did not run. */
export function cPathAnchor(): { ms: number } | { note: string } {
  try {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sgd-path-'));
    const exe = path.join(dir, 'sgdPath');
    execFileSync('gcc', ['-O3', '-o', exe, 'tests/bench/sgdPath.c'], { stdio: 'pipe' });
    const out = JSON.parse(execFileSync(exe, { encoding: 'utf8' })) as { ms: number };
    return { ms: out.ms };
  } catch (err) {
    return { note: `C anchor not run (${String(err).split('\n')[0]})` };
  }
}

interface StepRow {
  workload: string;
  sizes: string;
  beforeMs: number;
  afterMs: number;
  speedup: number;
  bareAfterMs: number;
  afterOverBare: number;
}

/** Workloads with issue 19's CPU targets: within 1.5× of their bare matmuls and ≥ 4× the old throughput. */
const targeted = new Set(['noisy students', 'Hilbert nn round', 'kernel students']);

export function wasmStepsSection(): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wasm-steps-'));
  const file = path.join(dir, 'steps.json');
  try {
    execFileSync('npx', ['tsx', 'tests/bench/wasmSteps.ts'], {
      env: { ...process.env, OUT_JSON: file },
      stdio: 'pipe',
      timeout: 600_000,
    });
  } catch (err) {
    return ['## Network steps on tfjs-wasm', '', `Not run: ${String(err).split('\n')[0]}`, ''];
  }
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    backend: string;
    loadAverage: number[];
    rows: StepRow[];
  };
  const f = (v: number) => v.toFixed(v < 10 ? 2 : 1);
  const lines = [
    '## Network steps on tfjs-wasm, against their own bare matmuls (issue 19)',
    '',
    `tests/bench/wasmSteps.ts, run by this bench in Node on tfjs-${r.backend} (the worker's wasm backend, the jobs' own step code), load average ${r.loadAverage.map((v) => v.toFixed(1)).join(' ')} when it ended. ` +
      '"Before": the batched (3-D) formulation the jobs used until 2026-12-04, kept in tests/reference/batchedSteps.ts; "after": the jobs\' step today. ' +
      '"Bare": the BatchMatMul kernels the step runs, replayed alone on fresh operands, a right operand that is new in every step a new tensor in every replay (XNNPACK packs a right operand once per tensor, and a step pays that packing: ~125 µs for [785, 64]), one the step keeps kept. Targets for the noisy students, the Hilbert rounds and the kernel-regime students: after ≤ 1.5× bare and ≥ 4× before.',
    '',
    '| workload | sizes | before (ms) | after (ms) | speed-up | bare (ms) | after ÷ bare | targets |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const w of r.rows) {
    const verdict = targeted.has(w.workload)
      ? `${w.afterOverBare <= 1.5 ? '✔' : '✘'} ÷ bare, ${w.speedup >= 4 ? '✔' : '✘'} speed-up`
      : '— (no target)';
    lines.push(
      `| ${w.workload} | ${w.sizes} | ${f(w.beforeMs)} | ${f(w.afterMs)} | ${f(w.speedup)}× | ${f(w.bareAfterMs)} | ${f(w.afterOverBare)}× | ${verdict} |`,
    );
  }
  lines.push('');
  return lines;
}
