import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experiments } from '../../src/experiments';
import { launch, longTasks, openPage, serveDist, waitForBackend } from './harness';

/**
 * Extremes (issue 12): every slider of every experiment (found in the registry) to its minimum and
 * maximum by keyboard, alone, then all at their maxima together (the worst pairs: largest η with the
 * largest Σ, the largest width with the largest n…) and all at their minima. Throughout: no page or
 * console error, no NaN, Infinity or undefined on the page (a message where a figure cannot be drawn),
 * and no main-thread task over 200 ms (so input is answered within a frame or two).
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

/** The page's own text (not the link's, which the notices quote) and its SVG labels. */
const pageText = (page: Page) =>
  page.evaluate(
    () =>
      [...document.body.children]
        .map((el) =>
          (el as HTMLElement).innerText.replace(
            (el.querySelector('[data-testid=url-notices]') as HTMLElement | null)?.innerText ?? '\u0000',
            '',
          ),
        )
        .join(' ') +
      ' ' +
      [...document.querySelectorAll('svg text')].map((t) => t.textContent).join(' '),
  );

/** Checks the page after an action begun at `sinceMs` (the page's clock), naming the action. */
async function check(page: Page, what: string, sinceMs: number, failures: string[]) {
  const tasks = await longTasks(page, sinceMs);
  if (tasks[0] > 200)
    failures.push(`${what}: main-thread tasks of ${tasks.slice(0, 3).map(Math.round).join(', ')} ms`);
  const t0 = Date.now();
  await page.evaluate(() => 1);
  const answerMs = Date.now() - t0;
  // The long-task record below is the measure of responsiveness; this only catches a frozen tab.
  if (answerMs > 1000) failures.push(`${what}: the page answered after ${answerMs} ms`);
  const text = await pageText(page);
  const bad = /\b(NaN|Infinity|undefined)\b/.exec(text);
  if (bad) failures.push(`${what}: shows "${text.slice(Math.max(0, bad.index - 60), bad.index + 15)}"`);
}

describe('every control at its extremes, by keyboard', () => {
  for (const e of experiments) {
    it(`${e.id}: Home and End on each slider, then all at max, all at min`, async () => {
      const failures: string[] = [];
      const { page, problems } = await openPage(browser, `${base}#/${e.id}?backend=wasm`);
      await waitForBackend(page);
      await page.waitForSelector('[data-testid=run-state]:not([data-state=starting])', { timeout: 60_000 });
      const now = () => page.evaluate(() => performance.now());
      const sliders = page.locator('input[type=range]');
      const n = await sliders.count();
      const names: string[] = [];
      for (let i = 0; i < n; i++) names.push((await sliders.nth(i).getAttribute('aria-label')) ?? `#${i}`);
      const press = async (i: number, key: 'Home' | 'End') => {
        const s = sliders.nth(i);
        if (await s.isDisabled()) return false;
        await s.focus();
        await page.keyboard.press(key);
        return true;
      };
      for (let i = 0; i < n; i++) {
        for (const key of ['Home', 'End'] as const) {
          const t = await now();
          if (!(await press(i, key))) continue;
          await page.waitForTimeout(250);
          await check(page, `${names[i]} ${key}`, t, failures);
        }
        // Back to the middle of the track, so the next slider is tried alone.
        await page.evaluate((idx) => {
          const s = document.querySelectorAll<HTMLInputElement>('input[type=range]')[idx];
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(s, '500');
          s.dispatchEvent(new Event('input', { bubbles: true }));
        }, i);
      }
      for (const key of ['End', 'Home'] as const) {
        const t = await now();
        for (let i = 0; i < n; i++) await press(i, key);
        // Let the heaviest (or lightest) run stream for a while: its frames are what could block.
        await page.waitForTimeout(3000);
        await check(page, `all sliders ${key}`, t, failures);
      }
      failures.push(...problems);
      console.log(`${e.id}: ${n} sliders × Home/End, all max, all min: failures = ${failures.length}`);
      expect(failures).toEqual([]);
      await page.close();
    });
  }
});
