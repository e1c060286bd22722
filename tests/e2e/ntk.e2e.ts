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

// Small enough for a software backend on 2 cores; large enough that normal training memorises noise.
const small = 'n=64&d=16&clusters=4&radius=0.3&rho=0.27&width=256&iterations=120&draws=4&topK=4';

describe('NTK eigenspaces and self-distillation panel', () => {
  it('shows the spectrum, Fig. 2 and both trainings; the λ slider changes the run', async () => {
    const { page, problems } = await openPage(browser, `${base}#/ntk-self-distillation?${small}`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
    for (const id of ['ntk-spectrum', 'ntk-width', 'ntk-fig2', 'ntk-air', 'ntk-clean-acc', 'ntk-fig5'])
      expect(await page.locator(`[data-testid=${id}] path[data-series-id]`).count()).toBeGreaterThan(0);
    const sd = Number(await page.getAttribute('[data-testid=sd-clean-acc]', 'data-value'));
    expect(sd).toBeGreaterThan(0.5);
    await page.screenshot({ path: 'screenshots/ntk-lambda1.png', fullPage: true });
    // λ = 0 is normal training: self-distillation then equals normal training exactly.
    const slider = page.getByRole('slider', { name: /λ/ });
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + 1, box.y + box.height / 2);
    await expect.poll(() => page.inputValue('input[aria-label="distillation ratio λ value"]')).toBe('0');
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('lambda=0');
    const rows = await page.locator('[data-testid=ntk-summary] tbody tr').allTextContents();
    expect(rows[0].replace(/^normal training/, '')).toBe(rows[1].replace(/^self-distillation.*?\)/, ''));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('warns about the paper’s α rule on two classes', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/ntk-self-distillation?${small}&alphaRule=paper`,
    );
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=alpha-trap]');
    expect(await page.textContent('[data-testid=alpha-trap]')).toMatch(/chance/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(['webgl', 'wasm'])(
    'trains on the %s backend too (batched matmuls must not rely on broadcasting)',
    async (backend) => {
      const { page, problems } = await openPage(
        browser,
        `${base}#/ntk-self-distillation?${small}&iterations=20&backend=${backend}`,
      );
      expect(await waitForBackend(page)).toBe(backend);
      await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
      expect(Number(await page.getAttribute('[data-testid=sd-clean-acc]', 'data-value'))).toBeGreaterThan(
        0.5,
      );
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('runs on the Fashion-MNIST subset with symmetric label noise (10 classes)', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/ntk-self-distillation?data=fashion&n=64&p=0.4&width=128&iterations=20&draws=2&topK=4&etaScale=1.8`,
    );
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
    expect(await page.textContent('.panel')).toMatch(/10 classes/);
    expect(await page.locator('[data-testid=ntk-fig2] path[data-series-id=ratio]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
