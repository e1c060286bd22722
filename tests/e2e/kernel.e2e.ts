import type { Browser } from 'playwright-core';
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

// Small: n = 16 ≤ d = 40 (Theorem 1 applies), 16·20 = 320 poles, 300 steps each: seconds on wasm.
// The kernel embedding (Fig. 4/6) retrains a teacher and two students on 8-dimensional inputs.
const small =
  'data=synthetic&n=16&d=40&nTest=40&nVal=16&overlapTop=5&nystromRank=8&teacherIterations=300&studentIterations=300&lambda=1&seed=1';

describe('kernel-distillation panel', () => {
  it('draws Fig. 1–6 and the theory; the λ slider reruns the live student', async () => {
    const { page, problems } = await openPage(browser, `${base}#/kernel-distillation?${small}`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
    for (const id of ['kd-fig1-train', 'kd-fig2-test', 'kd-fig3-train', 'kd-poles'])
      expect(await page.locator(`[data-testid=${id}] path[data-series-id]`).count()).toBeGreaterThan(0);
    // Fig. 5 and 6: bars in every overlap histogram; Fig. 4: μ* bars and the four loss curves
    for (const id of ['kd-fig5-teachers', 'kd-fig5-students', 'kd-fig6-teachers', 'kd-fig6-students'])
      expect(await page.locator(`[data-testid=${id}] rect[data-bin]`).count(), id).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=kd-alignment] rect[data-bar]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=kd-fig4-test] path[data-series-id]').count()).toBe(4);
    const err = await page.textContent('[data-testid=kd-finf-error]');
    expect(Number(/= ([\d.e-]+)/.exec(err ?? '')?.[1])).toBeLessThan(0.05);
    const liveRow = () =>
      page.locator('[data-testid=kd-table] tbody tr', { hasText: 'slider' }).textContent();
    expect(await liveRow()).toContain('1.00');
    // Drag the λ slider to its left end: λ = 1e-4.
    const slider = page.getByRole('slider', { name: /λ/ });
    // Keyboard, not a pixel click: Home moves the slider to its minimum however the row is laid out.
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('lambda=0.0001');
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
    await expect.poll(liveRow).toContain('0.000100');
    expect(problems).toEqual([]);
    await page.close();
  });
});
