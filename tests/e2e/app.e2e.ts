import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainSeed } from '../../src/math/chainRng';
import { makePanelData } from '../../src/experiments/label-noise-sgd/model';
import { moments2d } from '../../src/experiments/label-noise-sgd/math/moments';
import { advanceChainsCpu } from '../../src/experiments/label-noise-sgd/sgdCpu';
import { olsParamsSchema, defaultParams as olsDefaults } from '../../src/experiments/label-noise-sgd/params';
import { sgdLeastSquaresTheory } from '../../src/experiments/label-noise-sgd/math/sgdLeastSquaresTheory';
import { launch, openPage, serveDist, waitForBackend } from './harness';

/** The chains the page should compute, computed here in Node with the same code and streams. */
function expectedChains(chains: number, steps: number, seed: number, sigma2: number) {
  const d = makePanelData(100, seed, sigma2, [20, 20, 0]);
  const pos = new Float32Array(2 * chains);
  const rng = Uint32Array.from({ length: chains }, (_, c) => chainSeed(seed * 16, c));
  advanceChainsCpu(d.soa, 0.01, 5, pos, rng, steps);
  return moments2d(pos, chains).cov;
}

let browser: Browser;
let server: PreviewServer;
let base: string;
const shots = 'screenshots';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  ({ server, url: base } = await serveDist());
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ellipseD = (page: Page, panel: number, id = 'exact-1') =>
  page.getAttribute(`[data-testid=trajectory-${panel}] [data-ellipse-id=${id}]`, 'd');
const num = async (page: Page, sel: string, attr: string) => Number(await page.getAttribute(sel, attr));

/** Shoelace area (px²) of an SVG path of straight segments, `M x,y L x,y … Z`. */
function pathArea(d: string): number {
  const v = (d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  let a = 0;
  for (let i = 0; i < v.length; i += 2) {
    const j = (i + 2) % v.length;
    a += v[i] * v[j + 1] - v[j] * v[i + 1];
  }
  return Math.abs(a) / 2;
}

/**
 * Area of panel 0's exact 1σ ellipse in data units², read off the SVG. The ruler is the continuous-time
 * 2σ contour drawn beside it: the circle of radius 2√(ησ²/(2B)), whatever the zoom. Both are 128-gons,
 * so the polygon's shortfall against the true ellipse cancels.
 */
async function ellipseArea(page: Page, sigma2: number, eta: number, batch: number): Promise<number> {
  const exact = await ellipseD(page, 0, 'exact-1');
  const ruler = await ellipseD(page, 0, 'ct-2');
  if (!exact || !ruler) return NaN;
  return (pathArea(exact) / pathArea(ruler)) * ((Math.PI * 4 * eta * sigma2) / (2 * batch));
}

/** π√det C of the exact stationary covariance, computed in Node for the page's data (Σ = 20·I, N = 100, seed 1). */
function exactArea(sigma2: number, eta: number, batch: number): number {
  const d = makePanelData(100, 1, sigma2, [20, 20, 0]);
  const C = sgdLeastSquaresTheory({ X: d.X, y: d.y }, eta, batch).stationaryCov!;
  return Math.PI * Math.sqrt(C[0][0] * C[1][1] - C[0][1] * C[1][0]);
}
const waitDone = (page: Page, timeout = 120_000) =>
  page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout });

describe('Distillation Lab in headless Chromium', () => {
  it('loads without console errors, shows the backend, streams frames of the four-panel Figure 1', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd`);
    const backend = await waitForBackend(page);
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(backend);
    await expect.poll(() => page.textContent('[data-testid=backend]')).toContain(backend);
    await page.waitForSelector('[data-testid=ols-panel-3]');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=ols-panel-0]')?.getAttribute('data-chain-step')) > 0,
    );
    const first = await num(page, '[data-testid=ols-panel-0]', 'data-path-points');
    await page.waitForTimeout(400);
    const later = await num(page, '[data-testid=ols-panel-0]', 'data-path-points');
    expect(later).toBeGreaterThan(first);
    expect(await page.textContent('[data-testid=rate]')).toMatch(/it\/s/);
    for (let i = 0; i < 4; i++) expect(await ellipseD(page, i)).toMatch(/^M/);
    await waitDone(page);
    await page.screenshot({ path: `${shots}/figure1a-d.png`, fullPage: true });
    // the claim's C is linked to the exact ellipses of all four panels, both ways
    const ellipse = (id: string) => page.locator(`[data-testid=ols-panel-0] path[data-ellipse-id=${id}]`);
    const term = page.locator('[data-testid=claim-line] [data-term=C]');
    await term.hover();
    await expect
      .poll(() => page.locator('path[data-ellipse-id=exact-2][data-linked=active]').count())
      .toBe(4);
    expect(await ellipse('ct-2').getAttribute('data-linked')).toBe('dimmed');
    await page.mouse.move(2, 2);
    await expect.poll(() => ellipse('exact-2').getAttribute('data-linked')).toBeNull();
    // the 2σ contour's topmost point, from its path's box, is on the ellipse: hovering there outlines C
    await page.locator('[data-testid=ols-panel-0]').scrollIntoViewIfNeeded();
    const box = (await ellipse('exact-2').boundingBox())!;
    const top = await ellipse('exact-2').evaluate((el) => {
      // the point of the path nearest the top of its box
      const p = el as SVGPathElement;
      const n = p.getTotalLength();
      let best = { x: 0, y: Infinity };
      for (let i = 0; i <= 200; i++) {
        const q = p.getPointAtLength((n * i) / 200);
        if (q.y < best.y) best = { x: q.x, y: q.y };
      }
      const m = p.getScreenCTM()!;
      return { x: m.a * best.x + m.e, y: m.d * best.y + m.f };
    });
    expect(top.y).toBeGreaterThanOrEqual(box.y - 1);
    await page.mouse.move(top.x, top.y + 1);
    await expect.poll(() => term.getAttribute('class')).toContain('eq-term-active');
    await page.mouse.move(2, 2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('dragging σ² scales the exact ellipse’s area by the ratio of the σ², and updates the URL', async () => {
    // Theory (SCIENCE.md §5, sgdLeastSquaresTheory): labels y = Xβ* + σz with z drawn once, so the
    // residuals r = Xβ̂ − y are ∝ σ, the noise term η²E[b bᵀ] ∝ σ², and the stationary covariance C
    // (the solution of a linear equation with that source) is exactly ∝ σ². The 1σ ellipse's area
    // π√det C is then ∝ σ²: dragging σ² from 0.25 to s multiplies it by s/0.25.
    const [eta, batch] = [0.01, 5];
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?grid=single&chains=2000&iterations=20000&sigma2=0.25&eta=${eta}&batch=${batch}&n=100&cov=20I&seed=1`,
    );
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=trajectory-0] [data-ellipse-id=exact-1]');
    const before = await ellipseD(page, 0);
    const s0 = Number(await page.inputValue('input[aria-label="label-noise variance σ² value"]'));
    expect(s0).toBe(0.25);
    const area0 = await ellipseArea(page, s0, eta, batch);
    // the drawn ellipse is the exact covariance of this data, computed here in Node: within 1%
    // (the path's 0.01 px rounding on radii of tens of px is ~1e-3)
    expect(Math.abs(area0 / exactArea(s0, eta, batch) - 1)).toBeLessThan(0.01);
    const slider = page.getByRole('slider', { name: /σ²/ });
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => ellipseD(page, 0)).not.toBe(before);
    const sigma2 = Number(await page.inputValue('input[aria-label="label-noise variance σ² value"]'));
    expect(sigma2).toBeGreaterThan(0.25);
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`sigma2=${sigma2}`);
    // In float64 the theory's ratio is σ²/0.25 to 1e-9; the page's drawn ellipses, to 1%.
    expect(
      Math.abs(exactArea(sigma2, eta, batch) / exactArea(s0, eta, batch) / (sigma2 / s0) - 1),
    ).toBeLessThan(1e-9);
    await expect
      .poll(async () => Math.abs((await ellipseArea(page, sigma2, eta, batch)) / area0 / (sigma2 / s0) - 1))
      .toBeLessThan(0.01);
    await page.screenshot({ path: `${shots}/single-after-drag.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the Figure 1e–h preset gives the four-Σ grid with anisotropic exact ellipses', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd?grid=single&chains=2000`);
    await waitForBackend(page);
    await page.click('[data-preset=fig1e-h]');
    await page.waitForSelector('[data-testid=ols-panel-3]');
    const titles = await page.locator('[data-testid^=trajectory-]').allTextContents();
    expect(titles.join(' ')).toMatch(/\(e\).*\(f\).*\(g\).*\(h\)/s);
    const cov = async (i: number) =>
      JSON.parse((await page.getAttribute(`[data-testid=exact-cov-${i}]`, 'data-value'))!) as number[][];
    const g = await cov(2);
    const h = await cov(3);
    expect(g[1][1]).toBeGreaterThan(1.5 * g[0][0]); // Σ = diag(10, 100): spread along β₂
    expect(h[0][0]).toBeGreaterThan(1.5 * h[1][1]);
    await expect.poll(() => page.url()).toContain('grid=fig1e-h');
    await waitDone(page);
    await page.screenshot({ path: `${shots}/figure1e-h.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('exports a figure as CSV, SVG and PNG with its parameters inside', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?grid=single&chains=500&iterations=2000&sigma2=0.7`,
    );
    await waitForBackend(page);
    await waitDone(page);
    const save = async (format: string) => {
      // a narrow chart folds its export buttons into one "Data ▾" menu
      const menu = page.getByRole('button', { name: /Export or show the data of σ² = 0\.7/ });
      if ((await menu.count()) > 0) await menu.click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: new RegExp(`Export σ² = 0\\.7.* as ${format}`) }).click(),
      ]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
    };
    const csv = await save('CSV');
    expect(csv.name).toBe('xiong-fig1-panel1.csv');
    const text = csv.bytes.toString('utf8');
    expect(text).toMatch(/^# .*sigma2.*0\.7/m);
    expect(text.split('\n').filter((l) => /^-?\d/.test(l)).length).toBeGreaterThan(10);
    const svg = await save('SVG');
    expect(svg.bytes.toString('utf8')).toMatch(/<metadata[^>]*>[^]*sigma2[^]*<\/metadata>/);
    const png = await save('PNG');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.bytes.toString('latin1')).toMatch(/tEXtparameters[^]*sigma2/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a tampered link is explained, and the page still works', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?eta=banana&batch=500&grid=single&chains=500`,
    );
    await waitForBackend(page);
    const notes = await page.textContent('[data-testid=url-notices]');
    expect(notes).toMatch(/eta = "banana" rejected: must be a number/);
    expect(notes).toMatch(/batch = "500" rejected/);
    await page.waitForSelector('[data-testid=trajectory-0] [data-ellipse-id=exact-1]');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('bad typed values get a message, not NaN; a diverging η says so', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?grid=single&chains=500&iterations=5000`,
    );
    await waitForBackend(page);
    const eta = page.locator('input[aria-label="learning rate η value"]');
    await eta.fill('50');
    await eta.press('Enter');
    // η = 50 is above the schema's bound 1: the page shows the schema's own message for η, verbatim
    // (today "Too big: expected number to be <=1"), and that message names the bound.
    const etaIssue = olsParamsSchema
      .safeParse({ ...olsDefaults, eta: 50 })
      .error?.issues.find((i) => i.path[0] === 'eta')?.message;
    expect(etaIssue).toMatch(/(<=|≤) ?1\b/);
    await expect.poll(() => page.locator('.control-error').allTextContents()).toEqual([etaIssue]);
    await eta.fill('abc');
    await eta.press('Enter');
    await expect
      .poll(() => page.locator('.control-error').allTextContents())
      .toEqual(['"abc" is not a number']);
    await page.click('[data-preset=diverge]');
    await page.waitForSelector('[data-testid=diverge-warning]');
    expect(await page.textContent('[data-testid=diverge-warning]')).toMatch(/≥ 1/);
    await waitDone(page);
    expect(await page.textContent('body')).not.toMatch(/NaN/);
    await page.screenshot({ path: `${shots}/diverging.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('forced WebGPU (fused WGSL kernel) computes the same chains as the CPU loop', async () => {
    const q = 'grid=single&chains=256&chainSteps=120&iterations=2000&speed=2000&seed=5';
    const run = async (backend: string) => {
      const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd?${q}&backend=${backend}`);
      expect(await waitForBackend(page, 120_000)).toBe(backend);
      await waitDone(page);
      const rate = await page.textContent('[data-testid=rate]');
      const emp = JSON.parse((await page.getAttribute('[data-testid=emp-cov-0]', 'data-value'))!) as number[];
      await page.close();
      expect(problems).toEqual([]);
      return { rate, emp };
    };
    const gpu = await run('webgpu');
    expect(gpu.rate).toMatch(/fused WGSL kernel/);
    const cpu = await run('cpu');
    expect(cpu.rate).toMatch(/typed-array loop/);
    const node = expectedChains(256, 120, 5, 0.25);
    // CPU page and Node run the same code on the same streams: equal to rounding of the moments.
    cpu.emp.forEach((v, i) => expect(Math.abs(v - node[i])).toBeLessThan(1e-9 * Math.abs(node[0])));
    // The GPU kernel computes in float32 throughout: equal to float32 accuracy.
    gpu.emp.forEach((v, i) => expect(Math.abs(v - node[i])).toBeLessThan(1e-3 * Math.abs(node[0])));
  });

  it('chains spread over worker threads compute exactly what one thread computes', async () => {
    const { page, problems } = await openPage(
      browser,
      `${base}#/label-noise-sgd?grid=single&chains=20000&chainSteps=60&iterations=1000&seed=9&backend=wasm`,
    );
    await waitForBackend(page);
    await waitDone(page);
    expect(await page.textContent('[data-testid=rate]')).toMatch(/on \d+ threads/);
    const emp = JSON.parse((await page.getAttribute('[data-testid=emp-cov-0]', 'data-value'))!) as number[];
    const node = expectedChains(20000, 60, 9, 0.25);
    emp.forEach((v, i) => expect(Math.abs(v - node[i])).toBeLessThan(1e-9 * Math.abs(node[0])));
    expect(problems).toEqual([]);
    await page.close();
  });
});
