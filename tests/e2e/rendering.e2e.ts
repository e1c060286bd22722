import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experiments } from '../../src/experiments';
import { launch, longTasks, openPage, renderCounts, serveDist, waitForBackend } from './harness';

/**
 * The rendering path: while a run streams, the main thread stays responsive (no task over 200 ms, the
 * issue's hard limit; the bench reports the longest task against the 50 ms target), and a frame
 * re-renders only what follows the results. Every experiment of the registry is visited.
 */
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

describe('rendering while a run streams', () => {
  it.each(experiments.map((e) => [e.id]))('%s: no main-thread task over 200 ms', async (id) => {
    const { page, problems } = await openPage(browser, `${base}#/${id}`);
    await waitForBackend(page);
    // Past start-up (module evaluation, first layout): measure the steady stream.
    await page.waitForTimeout(2500);
    const t0 = await page.evaluate(() => performance.now());
    await page.waitForTimeout(6000);
    const tasks = await longTasks(page, t0);
    expect(tasks[0] ?? 0, `long tasks (ms): ${tasks.slice(0, 5).map(Math.round).join(', ')}`).toBeLessThan(
      200,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a frame re-renders the panel only: header, controls and status line stay put', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 120_000 });
    const r = await renderCounts(page);
    // Dozens of frames arrived (the panel followed them) ...
    expect(r.PanelHost).toBeGreaterThan(20);
    // ... while the controls and the header rendered once (plus at most one for the backend report).
    expect(r.Controls).toBeLessThanOrEqual(2);
    expect(r.App).toBeLessThanOrEqual(2);
    // The status line follows its own text (rate, state), far less often than frames arrive.
    expect(r.StatusLine).toBeLessThan(r.PanelHost);
    expect(problems).toEqual([]);
    await page.close();
  });
});
