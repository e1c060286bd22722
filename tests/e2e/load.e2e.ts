import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experiments } from '../../src/experiments';
import { loadExperiment, loadFailures, type LoadReport } from '../reliability/loadDriver';
import { launch, longTasks, openPage, serveDist, waitForBackend } from './harness';

/**
 * Load (issue 12): 100 slider changes a second on every experiment's page, found in the registry.
 * `npm test` drives each for a few seconds; `npm run soak` for minutes. After the last change the
 * params are the last ones set, the engine answers at once (no backlog), and the heap and the worker's
 * tensor count are where they started.
 */
const seconds = Number(process.env.LAB_LOAD_SECONDS ?? 5);
let browser: Browser;
let server: PreviewServer;
let base: string;

beforeAll(async () => {
  ({ server, url: base } = await serveDist());
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe(`load: 100 slider changes a second for ${seconds} s per experiment`, () => {
  it('nothing piles up, the last change wins, heap and tensors stay flat', async () => {
    const reports: LoadReport[] = [];
    const longest = new Map<string, number>();
    const failures: string[] = [];
    for (const e of experiments) {
      const { page, problems } = await openPage(browser, `${base}#/${e.id}?backend=wasm`);
      await waitForBackend(page);
      const since = await page.evaluate(() => performance.now());
      const r = await loadExperiment(page, e.id, seconds);
      reports.push(r);
      failures.push(...loadFailures(r).map((f) => `${e.id}: ${f}`));
      longest.set(e.id, (await longTasks(page, since))[0] ?? 0);
      failures.push(...problems.map((p) => `${e.id}: ${p}`));
      await page.close();
    }
    console.log(
      reports
        .map(
          (r) =>
            `${r.experiment}: ${r.changes} changes in ${r.seconds} s (longest main-thread task ${Math.round(longest.get(r.experiment)!)} ms); heap ${r.heapStartMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} MB; tensors ${r.tensorsStart} → ${r.tensorsEnd}; engine answered ${r.settleMs} ms after the last change`,
        )
        .join('\n'),
    );
    expect(failures).toEqual([]);
    // The page kept taking input: a frozen tab would take a handful. (Where a change costs more main-
    // thread time than 10 ms, fewer than 100 a second arrive: the output above says how many.)
    for (const r of reports) expect(r.changes, r.experiment).toBeGreaterThan(8 * seconds);
  });
});
