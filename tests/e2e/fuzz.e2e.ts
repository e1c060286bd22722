import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experiments } from '../../src/experiments';
import { createLabStore } from '../../src/store/labStore';
import { fuzzHashes } from '../reliability/urlFuzz';
import { launch, openPage, pageText, serveDist, waitForBackend } from './harness';

/**
 * The real browser's share of the URL fuzz: a seeded sample of the in-process fuzz's links (same
 * generator, same seed), each loaded as a visitor would follow it. Each must raise no page or console
 * error, show no NaN, Infinity or undefined, say what it rejected, and answer a trivial evaluate
 * within 1 s.
 */
const seed = Number(process.env.LAB_FUZZ_SEED ?? 1);
const sample = 40;
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

describe(`URL fuzz in the browser (seed ${seed}, ${sample} links)`, () => {
  it('every link loads cleanly and says what it rejected', async () => {
    const hashes = fuzzHashes(experiments, 2000, seed)
      .filter((_, i) => i % 50 === 0)
      .slice(0, sample);
    const failures: string[] = [];
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd`);
    await waitForBackend(page);
    for (const h of hashes) {
      const before = problems.length;
      try {
        await page.goto(base + h);
        await page.waitForSelector('.content h2, [data-testid=landing]', { timeout: 10_000 });
        // the landing (a link naming no experiment) has no status line to show the backend
        if ((await page.locator('[data-testid=landing]').count()) === 0) await waitForBackend(page, 10_000);
      } catch (e) {
        failures.push(`${h.slice(0, 100)}: did not load within 10 s (${String(e).split('\n')[0]})`);
        continue;
      }
      await page.waitForTimeout(500);
      const t0 = Date.now();
      await page.evaluate(() => 1);
      const answerMs = Date.now() - t0;
      // The notices quote the link verbatim (a user may have typed "Infinity"); everything else is ours.
      const text = await pageText(page);
      const bad = /\b(NaN|Infinity|undefined)\b/.exec(text);
      const notices = await page.locator('[data-testid=url-notices] li').count();
      // What the store says of this link in-process is what the page must show.
      const store = createLabStore(experiments);
      store.getState().loadHash(h);
      const expected = store.getState().notices.length;
      if (problems.length > before) failures.push(`${h.slice(0, 100)}: ${problems.slice(before).join('; ')}`);
      if (bad)
        failures.push(
          `${h.slice(0, 100)}: shows "${text.slice(Math.max(0, bad.index - 50), bad.index + 15)}"`,
        );
      if (answerMs > 1000) failures.push(`${h.slice(0, 100)}: evaluate answered after ${answerMs} ms`);
      if (notices !== expected)
        failures.push(`${h.slice(0, 100)}: ${notices} notices shown, ${expected} due`);
    }
    console.log(`URL fuzz (browser): ${hashes.length} links, failures = ${failures.length}`);
    expect(failures).toEqual([]);
    await page.close();
  });
});
