/**
 * The "Interaction" section of docs/BENCHMARKS.md (issue 20): every slider, cold and warm load, bundle
 * sizes, from one run. `BENCH_ONLY=interaction npm run bench` runs this section alone and replaces it
 * in the file between its markers.
 */
import os from 'node:os';
import type { Browser } from 'playwright-core';
import type { AnyExperiment } from '../../src/experiments/types';
import { bundleSizes, MAIN_BUDGET_KB } from './bundleSizes';
import { measureLoad, measureSliders, type LoadRow, type SliderRow } from './interaction';

export const interactionStart = '<!-- interaction:start -->';
export const interactionEnd = '<!-- interaction:end -->';

const EXACT_P95_MS = 16;
const NEXT_FRAME_SHARE = 0.9;
const FIRST_FRAME_MS = 100;
const COLD_LOAD_MS = 1500;
/** issue 19: every experiment's key result at its defaults within 30 s of opening the page */
const KEY_RESULT_MS = 30_000;

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN;
const ms = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v.toFixed(0));
const ok = (pass: boolean) => (pass ? '✔' : '✘');

function sliderTable(rows: SliderRow[]): { lines: string[]; failures: string[]; missed: number } {
  const lines = [
    '| experiment | slider | kind | samples | input → figure p50 / p95 (ms) | next frame | first frame of the new run p50 / p95 (ms) | burst: presses → commits, last shown |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const failures: string[] = [];
  // sliders that miss at least one target (one slider may miss two: its figure and its first frame)
  let missed = 0;
  for (const r of rows) {
    if (r.skipped) {
      lines.push(`| ${r.experiment} | ${r.label} | — | 0 | ${r.skipped} | | | |`);
      continue;
    }
    const commit = r.samples.map((s) => s.commitMs);
    const share = r.samples.filter((s) => s.nextFrame).length / Math.max(1, r.samples.length);
    const frames = r.samples.map((s) => s.firstFrameMs).filter((v): v is number => v !== null);
    const p95 = pct(commit, 0.95);
    const f95 = pct(frames, 0.95);
    const exactOk = p95 <= EXACT_P95_MS && share >= NEXT_FRAME_SHARE;
    const frameOk = !r.restartsRun || (f95 <= FIRST_FRAME_MS && r.timeouts === 0);
    const burstOk = !r.burst || r.burst.lastShowsLast;
    if (!exactOk || !frameOk || !burstOk) missed++;
    if (!exactOk)
      failures.push(
        `${r.experiment} ${r.label}: figure p95 ${ms(p95)} ms, next frame ${(share * 100).toFixed(0)} %`,
      );
    if (!frameOk)
      failures.push(
        `${r.experiment} ${r.label}: first frame p95 ${ms(f95)} ms${r.timeouts ? `, ${r.timeouts} timed out` : ''}`,
      );
    if (!burstOk)
      failures.push(`${r.experiment} ${r.label}: after a burst the figure does not show the last value`);
    lines.push(
      `| ${r.experiment} | ${r.label} | ${r.restartsRun ? 'restarts the run' : 'view / exact'} | ${r.samples.length} | ` +
        `${ms(pct(commit, 0.5))} / ${ms(p95)} ${ok(p95 <= EXACT_P95_MS)} | ${(share * 100).toFixed(0)} % ${ok(share >= NEXT_FRAME_SHARE)} | ` +
        (r.restartsRun
          ? `${ms(pct(frames, 0.5))} / ${ms(f95)} ${ok(frameOk)}${r.timeouts ? ` (${r.timeouts} over the wait)` : ''}`
          : '—') +
        ` | ${r.burst ? `${r.burst.presses} → ${r.burst.commits}, ${r.burst.lastShowsLast ? 'yes' : '**no**'}` : '—'} |`,
    );
  }
  return { lines, failures, missed };
}

function loadTable(rows: LoadRow[]): string[] {
  return [
    `| experiment | first figure drawn | cold (ms) | warm (ms) | cold ≤ ${COLD_LOAD_MS} ms | key result, cold (s) | ≤ ${KEY_RESULT_MS / 1000} s |`,
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.experiment} | ${r.figure} | ${ms(r.coldMs)} | ${ms(r.warmMs)} | ${ok(r.coldMs !== null && r.coldMs <= COLD_LOAD_MS)} | ` +
        `${r.keyResultMs === null ? 'over 120' : (r.keyResultMs / 1000).toFixed(1)} | ${ok(r.keyResultMs !== null && r.keyResultMs <= KEY_RESULT_MS)} |`,
    ),
  ];
}

function bundleLines(): string[] {
  const b = bundleSizes();
  const kb = (v: number) => `${v.toFixed(1)} kB`;
  return [
    `| part | size |`,
    '|---|---|',
    `| main bundle (first-load JS, the entry and its static imports) | ${kb(b.mainKb)} (budget ${MAIN_BUDGET_KB} kB, checked in CI: ${b.mainKb <= MAIN_BUDGET_KB ? 'within' : '**over**'}) |`,
    `| main CSS | ${kb(b.mainCssKb)} |`,
    ...Object.entries(b.experiments).map(([id, v]) => `| ${id}: its own chunks (panel, theory) | ${kb(v)} |`),
    `| chunks the panels share (chart kit, KaTeX), loaded with the first panel | ${kb(b.sharedKb)} |`,
    `| worker (tfjs-core, the wasm backend, the engine) | ${kb(b.workerKb)} |`,
    `| worker's chunks loaded on demand: every experiment's job code, and the WebGPU, WebGL and cpu backends (each loaded only where it runs) | ${kb(b.workerChunksKb)} |`,
    ...Object.entries(b.wasmKb).map(
      ([f, v]) => `| ${f} (tfjs wasm, fetched by the worker only on the wasm backend) | ${kb(v)} |`,
    ),
    `| KaTeX fonts (woff2, fetched when an equation uses them) | ${kb(b.katexFontsWoff2Kb)} |`,
  ];
}

export async function interactionSection(
  browser: Browser,
  url: string,
  experiments: AnyExperiment[],
  quick: boolean,
): Promise<string[]> {
  const opts = quick
    ? { samples: 6, runSamples: 3, burst: 9, frameTimeoutMs: 3000 }
    : {
        samples: 20,
        // BENCH_RUN_SAMPLES: more presses of the sliders that restart a run, for a before/after on one page
        runSamples: Number(process.env.BENCH_RUN_SAMPLES ?? 8),
        burst: 15,
        frameTimeoutMs: 3000,
      };
  const loads: LoadRow[] = [];
  for (const e of experiments) loads.push(await measureLoad(browser, url, e));
  const sliders: SliderRow[] = [];
  for (const e of experiments) sliders.push(...(await measureSliders(browser, url, e, opts)));
  const { lines, failures, missed } = sliderTable(sliders);
  const backends = [...new Set(loads.map((l) => l.backend || 'unknown'))].join(', ');
  return [
    interactionStart,
    '## Interaction: every slider, load time, bundle sizes (issue 20)',
    '',
    `From one run on ${new Date().toISOString().slice(0, 10)}. Every slider of every experiment, found from the definitions; each sample is one real key press (PageUp/PageDown, a tenth of the track; End/Home for an integer slider of fewer than ten values, which a tenth may not move) on the focused slider of the experiment's default page while its default run streams. ` +
      `"input → figure": the key's event time to the first panel commit (a layout effect: DOM changed, not yet painted) that shows the new value. ` +
      `"next frame": that commit came before the first animation frame after the input, so the change is in the next painted frame. ` +
      `A slider that restarts the run is also timed to the first commit holding a frame of the new run. "burst": ${opts.burst} presses back to back; "commits" counts the distinct values the panel drew (fewer than the presses: stale values were dropped), and the last drawn value must be the last one pressed. ` +
      `Targets: exact figure p95 ≤ ${EXACT_P95_MS} ms with the next frame in ≥ ${NEXT_FRAME_SHARE * 100} % of samples; first frame of a restarted run ≤ ${FIRST_FRAME_MS} ms.`,
    '',
    `- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Chromium ${browser.version()}, headless, \`--enable-unsafe-webgpu\``,
    `- Worker backend chosen by the page's probe: ${backends}`,
    '',
    ...lines,
    '',
    failures.length
      ? `Not met (${missed} of ${sliders.filter((r) => !r.skipped).length} sliders): ${failures.join('; ')}.`
      : 'Every slider met its targets.',
    '',
    '### Load: navigation → the first figure, and → the key result',
    '',
    `Navigation to the first figure of the page drawn with data (a line, bars, an ellipse, heatmap cells), with a frame of the run committed when the experiment runs one at its defaults. Cold: a fresh browser context (empty cache); warm: the same page reloaded. The e2e-mode production build (the shipped build plus test hooks), served locally by \`vite preview\`. ` +
      `"Key result" (issue 19): in the same cold load, navigation → the default run done, every figure it feeds complete (NTK: Algorithm 1 against normal training, Fig. 1 being off at the defaults; noisy self-distillation: every student), or the first figure where the page runs nothing.`,
    '',
    ...loadTable(loads),
    '',
    '### Bundle sizes',
    '',
    ...bundleLines(),
    interactionEnd,
  ];
}
