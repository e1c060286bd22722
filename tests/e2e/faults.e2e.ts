import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, serveDist, waitForBackend } from './harness';

/**
 * Fault injection (issue 12): the engine loses its worker, its GPU device, its WebGPU or WebGL, the
 * tab is hidden or frozen, the data file is damaged. Each time the run falls back or resumes, the page
 * says what happened, and the parameters and finished results stay on screen.
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

// Long enough to be caught mid-run (a path of 200k iterations, 200 per frame), small per frame.
const longRun = 'grid=single&chains=256&chainSteps=60&iterations=200000&speed=200&seed=3';
const shortRun = 'grid=single&chains=256&chainSteps=60&iterations=2000&speed=2000&seed=3';
const state = (page: Page) => page.getAttribute('[data-testid=run-state]', 'data-state');
const pathPoints = async (page: Page) =>
  Number(await page.getAttribute('[data-testid=ols-panel-0]', 'data-path-points'));
const inject = (page: Page, kind: 'crash' | 'lose-device') =>
  page.evaluate(
    (k) =>
      (window as unknown as { __labEngine: { injectFault(k: string): void } }).__labEngine.injectFault(k),
    kind,
  );
const engineNotices = async (page: Page) => (await page.textContent('[data-testid=engine-notices]')) ?? '';
/** The injected crash is reported by Chromium as the worker's uncaught error; nothing else may be. */
const unexpected = (problems: string[]) => problems.filter((p) => !p.includes('injected crash'));

describe('fault injection', () => {
  it('a worker crash mid-run: a fresh engine reruns the same parameters, the figure stays meanwhile', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd?${longRun}&backend=wasm`);
    await waitForBackend(page);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=ols-panel-0]')?.getAttribute('data-path-points')) > 50,
    );
    const hash = await page.evaluate(() => location.hash);
    await inject(page, 'crash');
    await expect.poll(() => engineNotices(page), { timeout: 60_000 }).toMatch(/engine worker crashed/);
    // The panels were never emptied: the last frames of the interrupted run stay until new ones come.
    expect(await page.locator('[data-testid=ols-panel-0]').count()).toBe(1);
    expect(await engineNotices(page)).toMatch(/run restarted from the beginning/);
    await expect.poll(() => state(page), { timeout: 60_000 }).toBe('running');
    const a = await pathPoints(page);
    await expect.poll(() => pathPoints(page), { timeout: 30_000 }).toBeGreaterThan(a);
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('a crash after the run finished keeps the finished results and starts nothing', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd?${shortRun}&backend=wasm`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 120_000 });
    const before = await page.getAttribute('[data-testid=emp-cov-0]', 'data-value');
    await inject(page, 'crash');
    await expect.poll(() => engineNotices(page), { timeout: 60_000 }).toMatch(/finished results are kept/);
    expect(await state(page)).toBe('done');
    expect(await page.getAttribute('[data-testid=emp-cov-0]', 'data-value')).toBe(before);
    // The fresh engine works: a slider change runs on it.
    const slider = page.getByRole('slider', { name: /σ²/ }).first();
    await slider.focus();
    await page.keyboard.press('End');
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 120_000 });
    expect(await page.getAttribute('[data-testid=emp-cov-0]', 'data-value')).not.toBe(before);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });

  it('the GPU device lost mid-run (device.destroy()): the page says so and the run resumes on a fresh device', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd?${longRun}&backend=webgpu`);
    expect(await waitForBackend(page, 120_000)).toBe('webgpu');
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=ols-panel-0]')?.getAttribute('data-path-points')) > 50,
      null,
      { timeout: 120_000 },
    );
    await inject(page, 'lose-device');
    await expect.poll(() => engineNotices(page), { timeout: 60_000 }).toMatch(/GPU device was lost/);
    expect(await engineNotices(page)).toMatch(/fresh engine started on \w+/);
    await expect.poll(() => state(page), { timeout: 120_000 }).toBe('running');
    const a = await pathPoints(page);
    await expect.poll(() => pathPoints(page), { timeout: 60_000 }).toBeGreaterThan(a);
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hidden mid-run: frames are still folded (no pile-up), and the run finishes when shown again', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?grid=single&chains=256&chainSteps=60&iterations=20000&speed=200&seed=4&backend=wasm`,
    );
    await waitForBackend(page);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=ols-panel-0]')?.getAttribute('data-path-points')) > 20,
    );
    // Headless Chromium keeps every page visible: hide this one the way the browser would tell it.
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (h ? 'hidden' : 'visible'),
        });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    const a = await pathPoints(page);
    await expect.poll(() => pathPoints(page), { timeout: 30_000 }).toBeGreaterThan(a);
    // A frozen tab (the browser's background-tab freezing): nothing runs, then everything resumes.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await page.waitForTimeout(1000);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await setHidden(false);
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 120_000 });
    expect(await pathPoints(page)).toBeGreaterThan(a);
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a truncated or corrupted Fashion-MNIST file: the figure that needs it says why, the others draw', async () => {
    for (const [damage, message] of [
      ['truncate', /has \d+ bytes, expected 3925000/],
      ['flip', /corrupted \(sha256 [0-9a-f]{64}, expected 0e1477ba/],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      await ctx.route('**/fashion-mnist-subset.bin', async (route) => {
        const res = await route.fetch();
        let body = await res.body();
        if (damage === 'truncate') body = body.subarray(0, 1_000_000);
        else body[12345] ^= 0xff;
        await route.fulfill({ response: res, body });
      });
      const page = await ctx.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(`${base}#/linear-distillation?sets=200&sweepSets=16&steps=600&backend=wasm`);
      await expect
        .poll(() => page.textContent('[data-testid=fig4-note]'), { timeout: 120_000 })
        .toMatch(message);
      expect(await page.textContent('[data-testid=fig4-note]')).toMatch(/^Fig\. 4 cannot run: Fashion-MNIST/);
      await page.waitForSelector('[data-testid=fig5-table]', { timeout: 120_000 });
      expect(problems).toEqual([]);
      await ctx.close();
    }
  });
});

describe('missing graphics APIs', () => {
  const withBrowser = async (args: string[], hash: string) => {
    const { chromium } = await import('playwright-core');
    const { chromiumPath } = await import('./harness');
    const b = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
    try {
      const { page, problems } = await openPage(b, `${base}${hash}`);
      const backend = await waitForBackend(page, 120_000);
      const status = (await page.textContent('[data-testid=backend]')) ?? '';
      await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 120_000 });
      expect(problems).toEqual([]);
      return { backend, status };
    } finally {
      await b.close();
    }
  };

  it('WebGPU absent: auto picks another backend by measurement', async () => {
    // Without --enable-unsafe-webgpu, Linux Chromium offers navigator.gpu but no adapter.
    const r = await withBrowser([], `#/label-noise-sgd?${shortRun}`);
    expect(['webgl', 'wasm', 'cpu']).toContain(r.backend);
    expect(r.status).toMatch(/fastest by measurement/);
  });

  it('backend=webgpu forced where WebGPU is absent: falls back and says so', async () => {
    const r = await withBrowser([], `#/label-noise-sgd?${shortRun}&backend=webgpu`);
    expect(['webgl', 'wasm', 'cpu']).toContain(r.backend);
    expect(r.status).toMatch(/webgpu unavailable; fastest by measurement/);
  });

  it('WebGL (and WebGPU) disabled: the run still completes on wasm or cpu', async () => {
    const r = await withBrowser(['--disable-webgl', '--disable-3d-apis'], `#/label-noise-sgd?${shortRun}`);
    expect(['wasm', 'cpu']).toContain(r.backend);
  });
});
