import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, serveDist, waitForBackend } from './harness';

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

// A sweep small enough for a software backend on 2 shared cores: 160 training / 40 validation / 100 test
// images, MLP 784–16–10, one seed, the noiseless student and one noisy level, 2 epochs.
const small =
  'trainSize=200&testSize=100&hidden=16&epochs=2&teacherEpochs=1&seeds=1&levels=1&batchSize=16&seed=1';
const done = (page: Page) =>
  page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
const series = (page: Page, chart: string) =>
  page.locator(`[data-testid=${chart}] path[data-series-id]`).count();

describe('noisy self-distillation panel (Xiong et al. Fig. 2–3)', () => {
  it('streams a small sweep, draws Fig. 2–3; the noise choice redraws the figure', async () => {
    const { page, problems } = await openPage(browser, `${base}#/noisy-self-distillation?${small}`);
    await waitForBackend(page);
    // Frames stream: the teacher's line appears before the students finish.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=noisy-progress]')?.textContent?.includes('Teacher'),
      null,
      { timeout: 150_000 },
    );
    await done(page);
    for (const id of ['noisy-gradnorm-gaussian', 'noisy-acc-gaussian', 'noisy-loss', 'noisy-strength'])
      expect(await series(page, id), id).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=noisy-verdict-gaussian]')).toMatch(/σ²/);
    expect(await page.locator('[data-testid=noisy-fig2-symmetric]').count()).toBe(0);
    // Fig. 2 as CSV: the documented header, the noiseless baseline and one σ² level, no NaN.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=noisy-fig2-csv]'),
    ]);
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
    const rows = csv.filter((l) => !l.startsWith('#'));
    expect(rows[0]).toBe(
      'noise,level,gradNormSq,gradNormSqSd,valAcc,valAccSd,testAcc,testAccSd,seeds,diverged,epoch',
    );
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      'gaussian,0',
      'gaussian,8',
    ]);
    expect(csv.join('\n')).not.toMatch(/NaN/);

    await page.selectOption('select[aria-label="noise on the teacher’s logits"]', 'symmetric');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('noise=symmetric');
    await done(page);
    await page.waitForSelector('[data-testid=noisy-fig2-symmetric]', { timeout: 150_000 });
    expect(await series(page, 'noisy-gradnorm-symmetric')).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=noisy-fig2-gaussian]').count()).toBe(0);
    expect(await page.textContent('[data-testid=noisy-verdict-symmetric]')).toMatch(/\bp\b/);
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an out-of-range σ² typed in gives one message, not NaN', async () => {
    const { page, problems } = await openPage(browser, `${base}#/noisy-self-distillation?${small}`);
    await waitForBackend(page);
    const box = page.locator('input[aria-label="largest σ² value"]');
    // zod's range message names the bound the value broke.
    for (const [bad, bound] of [
      ['0', '0.01'],
      ['-3', '0.01'],
      ['1e9', '10'],
    ]) {
      await box.fill(bad);
      await box.press('Enter');
      await expect.poll(() => page.locator('.control-error').count()).toBe(1);
      expect(await page.locator('.control-error').textContent()).toContain(bound);
    }
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('SGD with label noise, least squares (Xiong et al. Fig. 1): eq. (16) beside the panels', () => {
  it('draws the strength, the spread and the gradient norms with the chains’ points; the axis selector redraws them', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?chains=1000&chainSteps=500&iterations=2000`,
    );
    await waitForBackend(page);
    await done(page);
    for (const id of ['eq16-strength', 'eq16-spread', 'eq16-gradnorm'])
      expect(await series(page, id), id).toBeGreaterThan(0);
    // Fig. 1a–d along σ²: one curve (the panels share X), four settings and four chain measurements.
    expect(await page.locator('[data-testid=eq16-strength] [data-text-id^=setting]').count()).toBe(4);
    expect(await page.locator('[data-testid=eq16-spread] [data-text-id^=traceChains]').count()).toBe(4);
    expect(await page.textContent('[data-testid=eq16-note]')).toMatch(/does not depend on β/);
    const before = await page.getAttribute('[data-testid=eq16-spread] path[data-series-id]', 'd');
    await page.selectOption('select[aria-label="eq. (16) against"]', 'eta');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('sweep=eta');
    // along η: one curve per panel (σ² differs), and the exact spread stops where SGD diverges
    await expect.poll(() => series(page, 'eq16-strength')).toBe(4);
    expect(await page.getAttribute('[data-testid=eq16-spread] path[data-series-id]', 'd')).not.toBe(before);
    expect(await page.textContent('[data-testid=eq16-note]')).toMatch(/diverges in mean square/);
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
