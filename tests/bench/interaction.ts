/**
 * Issue 20's measurements, discovered from the experiments' definitions (no slider listed by hand):
 * - every slider: a real key press on the focused slider while the default run streams → the first
 *   panel commit that shows the new value (window.__labCommits, logged in a layout effect: DOM changed,
 *   not yet painted), whether that commit came before the next animation frame, and, for a slider that
 *   restarts the run, → the first commit with a frame of the new run;
 * - a burst of presses faster than the panel draws: the stale values are dropped and the last commit
 *   shows the last value;
 * - cold and warm load: navigation → the first figure in the page, with a frame of the run when the
 *   experiment runs one.
 */
import type { Browser, Page } from 'playwright-core';
import type { AnyExperiment } from '../../src/experiments/types';
import { openPage, waitForBackend } from '../e2e/harness';

export interface SliderSample {
  /** input event → the first commit showing the value (ms) */
  commitMs: number;
  /** that commit came before the first animation frame after the input */
  nextFrame: boolean;
  /** input event → the first commit with a frame of the restarted run (ms); null when not a run param or timed out */
  firstFrameMs: number | null;
}

export interface SliderRow {
  experiment: string;
  key: string;
  label: string;
  /** the slider restarts the run (not one of the definition's uiKeys) */
  restartsRun: boolean;
  samples: SliderSample[];
  /** first-frame waits that ran out */
  timeouts: number;
  burst: { presses: number; commits: number; lastShowsLast: boolean } | null;
  skipped?: string;
}

// In-page code is passed as text: tsx's keepNames helpers (__name) do not exist in the page.
const installSource = `(() => {
  const w = window;
  if (w.__ia) return;
  const ia = (w.__ia = { lastKey: null, input: null, raf: null, runStart: {} });
  document.addEventListener('keydown', (e) => { ia.lastKey = e.timeStamp; }, true);
  document.addEventListener('input', (e) => {
    if (ia.input !== null) return;
    ia.input = ia.lastKey ?? e.timeStamp;
    requestAnimationFrame(() => { ia.raf = performance.now(); });
  }, true);
  const s0 = w.__labStore.getState();
  ia.runStart[s0.runKey] = s0.version;
  w.__labStore.subscribe((s) => { if (!(s.runKey in ia.runStart)) ia.runStart[s.runKey] = s.version; });
})()`;

const armSource = (key: string) =>
  `(() => { const ia = window.__ia; ia.input = null; ia.raf = null; ia.lastKey = null; ia.before = window.__labStore.getState().params[${JSON.stringify(key)}]; })()`;

// Waits (in the page) for the commit that shows the value, and for a run param the first frame of the new run.
const waitSource = `async (key, restarts, frameTimeoutMs) => {
  const w = window, ia = w.__ia;
  const until = async (pred, ms) => {
    const t0 = performance.now();
    while (performance.now() - t0 < ms) { const v = pred(); if (v) return v; await new Promise((r) => setTimeout(r, 2)); }
    return null;
  };
  const input = await until(() => ia.input, 2000);
  if (input === null) return null;
  const s = w.__labStore.getState();
  const value = s.params[key];
  if (value === ia.before) return null;
  const shown = await until(() => w.__labCommits.find((c) => c.t >= input && c.params[key] === value), 5000);
  const raf = await until(() => ia.raf, 1000);
  if (!shown) return { commitMs: null, nextFrame: false, firstFrameMs: null };
  let firstFrameMs = null;
  if (restarts) {
    const runKey = s.runKey;
    const frame = await until(() => w.__labCommits.find((c) => c.runKey === runKey && c.version > ia.runStart[runKey]), frameTimeoutMs);
    firstFrameMs = frame ? frame.t - input : null;
  }
  return { commitMs: shown.t - input, nextFrame: raf !== null && shown.t < raf, firstFrameMs };
}`;

const burstSource = `async (key, since) => {
  const w = window;
  await new Promise((r) => setTimeout(r, 1500));
  const value = w.__labStore.getState().params[key];
  const commits = w.__labCommits.filter((c) => c.t >= since);
  const distinct = commits.filter((c, i) => i === 0 || commits[i - 1].params[key] !== c.params[key]).length;
  const last = commits[commits.length - 1];
  return { commits: distinct, lastShowsLast: !!last && last.params[key] === value };
}`;

const sliderPosition = (page: Page, label: string) =>
  page.evaluate(
    (l) =>
      Number(
        [...document.querySelectorAll<HTMLInputElement>('input[type=range]')].find(
          (e) => e.getAttribute('aria-label') === l,
        )?.value ?? NaN,
      ),
    label,
  );

/** Every slider of one experiment, on its default page while its default run streams. */
export async function measureSliders(
  browser: Browser,
  url: string,
  e: AnyExperiment,
  opts: { samples: number; runSamples: number; burst: number; frameTimeoutMs: number },
): Promise<SliderRow[]> {
  const rows: SliderRow[] = [];
  const ui = new Set<string>((e.uiKeys ?? []) as string[]);
  const sliders = e.controls.filter((c) => c.kind === 'number');
  const { page } = await openPage(browser, `${url}#/${e.id}`, 1440, 900);
  try {
    await waitForBackend(page, 120_000);
    await page.waitForSelector('[data-testid=panel]');
    await page.waitForTimeout(1500);
    await page.evaluate(installSource);
    for (const c of sliders) {
      const row: SliderRow = {
        experiment: e.id,
        key: c.key as string,
        label: c.label,
        restartsRun: !ui.has(c.key as string),
        samples: [],
        timeouts: 0,
        burst: null,
      };
      rows.push(row);
      const handle = page.getByRole('slider', { name: c.label, exact: true });
      if ((await handle.count()) !== 1 || (await handle.isDisabled())) {
        row.skipped =
          (await handle.count()) !== 1 ? 'not on the page at the defaults' : 'disabled at the defaults';
        continue;
      }
      await handle.focus();
      // PageUp/PageDown move the track by a tenth: a visible change, like a short drag.
      const start = await sliderPosition(page, c.label);
      // An integer slider of fewer than ten values (depth 1…4) may not change on a tenth of its track:
      // its ends do, and either end is a value its page runs.
      const coarse = c.integer === true && c.max - c.min < 10;
      const [up, down] = coarse ? ['End', 'Home'] : ['PageUp', 'PageDown'];
      const keys = start >= 500 ? [down, up] : [up, down];
      const n = row.restartsRun ? opts.runSamples : opts.samples;
      for (let i = 0; i < n; i++) {
        await page.evaluate(armSource(c.key as string));
        await page.keyboard.press(keys[i % 2]);
        const r = (await page.evaluate(
          `(${waitSource})(${JSON.stringify(c.key)}, ${row.restartsRun}, ${opts.frameTimeoutMs})`,
        )) as (Omit<SliderSample, 'commitMs'> & { commitMs: number | null }) | null;
        // null: the value did not change (an end of the track, a refused value); a commit that never came is a miss
        if (!r) continue;
        if (r.commitMs === null) {
          row.timeouts++;
          continue;
        }
        if (row.restartsRun && r.firstFrameMs === null) row.timeouts++;
        row.samples.push({ ...r, commitMs: r.commitMs });
        await page.waitForTimeout(row.restartsRun ? 150 : 60);
      }
      // A drag faster than the panel draws: presses back to back.
      const since = (await page.evaluate('performance.now()')) as number;
      for (let i = 0; i < opts.burst; i++) await page.keyboard.press(keys[Math.floor(i / 3) % 2]);
      const b = (await page.evaluate(`(${burstSource})(${JSON.stringify(c.key)}, ${since})`)) as {
        commits: number;
        lastShowsLast: boolean;
      };
      row.burst = { presses: opts.burst, ...b };
      // back to the default, so the next slider is measured at the experiment's defaults
      await page.evaluate(
        ([k, v]) =>
          (
            window as unknown as { __labStore: { getState(): { setParam(k: string, v: unknown): boolean } } }
          ).__labStore
            .getState()
            .setParam(k, v),
        [c.key as string, e.defaults[c.key as string]] as const,
      );
      await page.waitForTimeout(300);
    }
  } finally {
    await page.close();
  }
  return rows;
}

export interface LoadRow {
  experiment: string;
  coldMs: number | null;
  warmMs: number | null;
  /** the figure that was drawn first */
  figure: string;
  /** the worker's backend after the probe ('' when the page never said) */
  backend: string;
  /**
   * Navigation → the key result at the defaults, cold: the default run done (every figure it feeds
   * complete), or the first figure where the page runs nothing (exact theory only). null: not within 2 min.
   */
  keyResultMs: number | null;
}

/**
 * A figure of the page is drawn with data (a line with points, a bar, an ellipse, heatmap cells or
 * histogram bins) and, when the experiment runs a job, a frame of the run is committed. Returns the
 * figure's id, or '' while none is. A function, not text: the page's CSP forbids eval, which a polled
 * string predicate needs. No inner named functions: tsx would wrap them in a helper the page lacks.
 */
function drawnFigure(needsFrame: boolean): string {
  const w = window as unknown as {
    __labStore?: { getState(): { runKey: number } };
    __labCommits?: { runKey: number; version: number }[];
  };
  if (needsFrame) {
    if (!w.__labStore || !w.__labCommits) return '';
    const runKey = w.__labStore.getState().runKey;
    let first: number | null = null;
    let framed = false;
    for (const c of w.__labCommits) {
      if (c.runKey !== runKey) continue;
      if (first === null) first = c.version;
      else if (c.version > first) framed = true;
    }
    if (!framed) return '';
  }
  const marks =
    'path[data-series-id][d*="L"], [data-bar], [data-ellipse-id], [data-layer=heatmap] rect, [data-layer=histogram] rect';
  for (const f of document.querySelectorAll('[data-figure-id]'))
    if (f.querySelector(marks)) return f.getAttribute('data-figure-id') ?? '?';
  return '';
}

async function timeToFigure(
  page: Page,
  e: AnyExperiment,
  timeout: number,
): Promise<{ ms: number; figure: string } | null> {
  try {
    const handle = await page.waitForFunction(drawnFigure, e.jobFor(e.defaults) !== null, {
      polling: 'raf',
      timeout,
    });
    const figure = (await handle.jsonValue()) as string;
    return { ms: (await page.evaluate('performance.now()')) as number, figure };
  } catch (err) {
    if (process.env.BENCH_DEBUG) console.error(err);
    return null;
  }
}

/** Navigation → first complete figure, in a fresh browser context (empty cache), then reloaded (warm). */
export async function measureLoad(browser: Browser, url: string, e: AnyExperiment): Promise<LoadRow> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  try {
    await page.goto(`${url}#/${e.id}`);
    const cold = await timeToFigure(page, e, 60_000);
    const keyResultMs =
      e.jobFor(e.defaults) === null
        ? (cold?.ms ?? null)
        : await page
            .waitForFunction(
              () =>
                document.querySelector('[data-testid=run-state]')?.getAttribute('data-state') === 'done' &&
                performance.now(),
              null,
              { timeout: 120_000, polling: 100 },
            )
            .then((h) => h.jsonValue() as Promise<number>)
            .catch(() => null);
    await page.reload();
    const warm = await timeToFigure(page, e, 60_000);
    const backend = await page
      .waitForFunction(
        () => document.querySelector('[data-testid=backend]')?.getAttribute('data-backend'),
        null,
        {
          timeout: 30_000,
        },
      )
      .then((h) => h.jsonValue() as Promise<string>)
      .catch(() => '');
    return {
      backend,
      experiment: e.id,
      coldMs: cold?.ms ?? null,
      warmMs: warm?.ms ?? null,
      figure: cold?.figure ?? '—',
      keyResultMs,
    };
  } finally {
    await context.close();
  }
}
