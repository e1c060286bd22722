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

/** Smaller than the paper's 1000 sets so the whole page finishes in seconds on a software backend. */
const light = 'sets=200&sweepSets=16&steps=600';
const text = async (page: Page, id: string) => (await page.textContent(`[data-testid=${id}]`)) ?? '';
const series = (page: Page, chart: string, id: string) =>
  page.locator(`[data-testid=${chart}] [data-series-id=${id}]`).count();

describe('Linear distillation panel (Phuong & Lampert)', () => {
  it('draws all five figures, theory over measurement; the n slider is live', async () => {
    const { page, problems } = await openPage(browser, `${base}#/linear-distillation?${light}`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=fig5-table]', { timeout: 150_000 });
    await page.waitForFunction(
      () => document.querySelector('[data-testid=fig4-note]')?.textContent?.includes('Teacher'),
      null,
      { timeout: 60_000 },
    );
    // Fig. 1–2: three p(θ) curves and three clouds; Theorems 1–2: the runs and Theorem 2's limit.
    expect(await page.locator('[data-testid=p-theta-chart] path[data-series-id]').count()).toBe(3);
    expect(await page.locator('[data-testid=fig12] canvas').count()).toBeGreaterThanOrEqual(3 * 7);
    expect(await series(page, 'convergence-distance-chart', 'thm2')).toBe(1);
    expect(await series(page, 'convergence-distance-chart', 'eq66')).toBe(1);
    // Risk against n: both learners and Theorem 3; Fig. 3: measurement and bound; Fig. 4: the measurement.
    for (const id of ['soft', 'hard', 'limit', 'thm3', 'cor2'])
      expect(await series(page, 'risk-n-chart', id), id).toBe(1);
    expect(await series(page, 'fig3-chart', 'risk')).toBe(1);
    expect(await series(page, 'fig3-chart', 'bound')).toBe(1);
    expect(await series(page, 'fig4-chart', 'risk')).toBe(1);
    expect(await page.locator('[data-testid=fig5-chart] [data-learner]').count()).toBe(8);
    expect(await text(page, 'fig5-row-limit')).toMatch(/100\.0%/);

    const boundAt5 = await text(page, 'theorem3-value');
    expect(boundAt5).toMatch(/^0\.\d+/);
    // Drag the n slider from n = 5 to about 40 (log scale 1 … 500).
    const slider = page.getByRole('slider', { name: 'transfer set size n', exact: true });
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.26, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/[?&]n=(\d{2})\b/);
    const n = Number(/[?&]n=(\d+)/.exec(await page.evaluate(() => location.hash))![1]);
    expect(n).toBeGreaterThan(5);
    // The exact parts follow at once; the worker reruns what depends on n.
    await expect.poll(() => text(page, 'theorem3-value')).not.toBe(boundAt5);
    await expect.poll(() => page.textContent('[data-testid=convergence] h3')).toContain(`n = ${n})`);
    await page.waitForSelector('[data-testid=fig5-table]', { timeout: 150_000 });
    expect(await page.textContent('[data-testid=fig5] h3')).toContain(`n = ${n})`);
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    await page.screenshot({ path: 'screenshots/linear-distillation.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the κ slider moves p(θ), the planes and the bound; κ ≤ 0 typed in gives one message', async () => {
    const { page, problems } = await openPage(browser, `${base}#/linear-distillation?${light}&d=2&n=1`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=convergence-picture] canvas');
    const risk = await text(page, 'plane-kappa-risk');
    const bound = await text(page, 'theorem3-value');
    const slider = page.getByRole('slider', { name: 'angular alignment κ', exact: true });
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/kappa=[4-8]/);
    // Larger κ: the sample's student has less mass near the boundary, so its risk changes.
    await expect.poll(() => text(page, 'plane-kappa-risk')).not.toBe(risk);
    await expect.poll(() => text(page, 'theorem3-value')).not.toBe(bound);
    const box2 = page.locator('input[aria-label="angular alignment κ value"]');
    for (const bad of ['0', '-1']) {
      await box2.fill(bad);
      await box2.press('Enter');
      await expect
        .poll(() => page.locator('.control-error').allTextContents())
        .toEqual(['κ must be > 0 (the lab takes 0.05 … 8)']);
    }
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  });
});
