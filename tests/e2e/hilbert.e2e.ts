import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readPngTextChunks } from '../../src/charts/pngText';
import { figures } from '../../src/experiments/hilbert-self-distillation/figures';
import { launch, openPage, renderCounts, serveDist, waitForBackend } from './harness';

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

const roundsText = (page: Page) => page.textContent('[data-testid=rounds-before-collapse]');

describe('Hilbert-space self-distillation panel', () => {
  it('renders the fits and the B_t bars; dragging ε changes the rounds before collapse', async () => {
    const { page, problems } = await openPage(browser, `${base}#/hilbert-self-distillation`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=bars-chart] rect[data-bar]');
    expect(await roundsText(page)).toMatch(/^4 \(rounds 0–3/);
    // The schematic (the paper's Fig. 1) is an image named with the live numbers: collapse at round 4
    const schematic = page.locator('[data-testid=hilbert-schematic]');
    const schematicName = async () => (await schematic.getAttribute('aria-label')) ?? '';
    expect(await schematic.getAttribute('role')).toBe('img');
    expect(await schematicName()).toContain('At round 4 ');
    // 4 rounds × 9 directions (bars ≤ 0 are not drawn on any scale)
    expect(await page.locator('[data-testid=bars-chart] rect[data-bar]').count()).toBeGreaterThanOrEqual(30);
    const slider = page.getByRole('slider', { name: /ε/ });
    const box = (await slider.boundingBox())!;
    // Smaller ε: more rounds before the solution collapses.
    await page.mouse.move(box.x + box.width * 0.66, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    const eps = Number(await page.inputValue('input[aria-label="loss tolerance ε value"]'));
    expect(eps).toBeLessThan(0.01);
    await expect.poll(async () => Number((await roundsText(page))!.split(' ')[0])).toBeGreaterThan(4);
    await page.screenshot({ path: 'screenshots/hilbert-small-eps.png', fullPage: true });
    // …the schematic's collapse moved with ε, and its outlined round follows the scrubber's keys
    await expect
      .poll(async () => Number(/At round (\d+)/.exec(await schematicName())?.[1]))
      .toBeGreaterThan(4);
    const current = () => page.textContent('[data-testid=hilbert-schematic-current]');
    await page.locator('input[aria-label="round shown"]').focus();
    await page.keyboard.press('Home');
    await expect.poll(current).toMatch(/round 0$/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(current).toMatch(/round 1$/);
    expect(await schematicName()).toContain('Round 1 of ');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a term of the claim and its curve highlight each other; the whole view exports as one sheet', async () => {
    const { page, problems } = await openPage(browser, `${base}#/hilbert-self-distillation`);
    await page.waitForSelector('[data-testid=collapse-chart] path[data-series-id=eps]', {
      state: 'attached',
    });
    const term = (id: string) => page.locator(`[data-testid=claim-line] [data-term=${id}]`);
    const curve = (id: string) => page.locator(`[data-testid=collapse-chart] path[data-series-id=${id}]`);
    const linked = async (id: string) => curve(id).getAttribute('data-linked');
    const width = async (id: string) => Number(await curve(id).getAttribute('stroke-width'));
    // the term is coloured like its curve
    expect(await term('eps').evaluate((el) => getComputedStyle(el).color)).toBe(
      await curve('eps').evaluate((el) => getComputedStyle(el).stroke),
    );
    const plain = await width('eps');
    // hover the term √(Kε): its curve (ε) thickens by 2.25 px, the other (‖y_t‖²/K) dims
    await term('eps').hover();
    await expect.poll(() => linked('eps')).toBe('active');
    expect(await linked('ms')).toBe('dimmed');
    expect(await width('eps')).toBeCloseTo(plain + 2.25, 5);
    await page.mouse.move(2, 2);
    await expect.poll(() => linked('eps')).toBeNull();
    // the keyboard: Tab to the equation (the first term lights up, and is announced), → to the next, Esc
    const equation = page.locator('[data-testid=claim-line] [data-testid=linked-equation]');
    const announced = () => equation.locator('[aria-live]').textContent();
    await equation.focus();
    await expect.poll(() => linked('ms')).toBe('active');
    expect(await announced()).toContain('‖y₀‖');
    await page
      .locator('[data-testid=claim-line]')
      .screenshot({ path: 'screenshots/hilbert-linked-term.png' });
    await page
      .locator('[data-testid=collapse-chart]')
      .screenshot({ path: 'screenshots/hilbert-linked-curve.png' });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => linked('eps')).toBe('active');
    expect(await linked('ms')).toBe('dimmed');
    expect(await announced()).toContain('√(Kε)');
    await page.keyboard.press('ArrowRight'); // wraps round
    await expect.poll(() => linked('ms')).toBe('active');
    await page.keyboard.press('Escape');
    await expect.poll(() => linked('ms')).toBeNull();
    await equation.blur();
    // hover the curve (ε is a horizontal line: its box's middle lies on it): its term is outlined
    await page.locator('[data-testid=collapse-chart]').scrollIntoViewIfNeeded();
    const box = (await curve('eps').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => term('eps').getAttribute('class')).toContain('eq-term-active');
    expect(await term('y').getAttribute('class')).not.toContain('eq-term-active');
    await page.mouse.move(2, 2);
    await expect.poll(() => term('eps').getAttribute('class')).not.toContain('eq-term-active');

    // one sheet: every chart on screen under its figure's title, with the parameters and the link
    const onScreen = await page.$$eval('[data-chart-shell]', (els) =>
      els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => (e as HTMLElement).dataset.figureId),
    );
    expect(onScreen.length).toBeGreaterThanOrEqual(4);
    const save = async (format: 'SVG' | 'PNG') => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: new RegExp(`as one ${format} sheet`) }).click(),
      ]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const svg = await save('SVG');
    expect(svg.name).toBe('hilbert-self-distillation-view.svg');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/<g transform="translate\([^)]*\)" data-figure-id=/g)?.length).toBe(onScreen.length);
    for (const id of new Set(onScreen)) {
      const f = figures.find((x) => x.id === id)!;
      expect(text, id).toContain(`data-figure-id="${id}"`);
      expect(text, id).toContain(f.title.replace(/&/g, '&amp;'));
    }
    expect(text).toMatch(/Parameters: .*epsilon=0\.04/);
    expect(text).toContain('#/hilbert-self-distillation');
    const png = await save('PNG');
    expect([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const params = JSON.parse(readPngTextChunks(new Uint8Array(png.bytes)).parameters) as { epsilon: number };
    expect(params.epsilon).toBe(0.04);
    // as tall as the figures stacked, as wide as the widest row of charts
    const w = png.bytes.readUInt32BE(16);
    const h = png.bytes.readUInt32BE(20);
    expect(w).toBeGreaterThanOrEqual(2 * 720);
    expect(h).toBeGreaterThan(w);
    mkdirSync('screenshots', { recursive: true });
    writeFileSync('screenshots/hilbert-view-sheet.png', png.bytes);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the 11-point variant with endpoints explains its infeasibility with the number', async () => {
    const { page, problems } = await openPage(browser, `${base}#/hilbert-self-distillation`);
    await waitForBackend(page);
    await page.click('[data-preset=endpoints]');
    await page.waitForSelector('[data-testid=infeasible]');
    expect(await page.textContent('[data-testid=infeasible]')).toMatch(
      /Infeasible.*residual alone is \d\.\d+/,
    );
    // The fits chart still shows the data: never a blank chart.
    expect(await page.locator('[data-testid=fits-chart] canvas').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: 'screenshots/hilbert-infeasible.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the Green’s function marker can be dragged, without redoing the exact solve', async () => {
    const { page, problems } = await openPage(browser, `${base}#/hilbert-self-distillation?greenT=0.3`);
    await waitForBackend(page);
    await page.waitForSelector('[data-testid=bars-chart] rect[data-bar]');
    const solves = async () => (await renderCounts(page)).HilbertExactSolve ?? 0;
    const before = await solves();
    expect(before).toBeGreaterThanOrEqual(1);
    const handle = page.getByRole('slider', { name: /^t$/ });
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/greenT=0\.32/);
    // t is a view parameter: the eigen-solve and the rounds are memoised on the inputs they read
    expect(await solves()).toBe(before);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('trains network rounds in the worker on the shipped Fashion-MNIST subset', async () => {
    const q = 'nnRounds=3&nnSeeds=2&nnHidden=32&nnEpochs=6&nnTrain=400&nnEarlyStop=on';
    const { page, problems } = await openPage(browser, `${base}#/hilbert-self-distillation?${q}`);
    await waitForBackend(page);
    await page.click('[data-testid=nn-start]');
    await page.waitForSelector('[data-testid=nn-row-2]', { timeout: 150_000 });
    await page.waitForSelector('[data-testid=run-state][data-state=done]', { timeout: 150_000 });
    const rows = await page.locator('[data-testid^=nn-row-]').allTextContents();
    expect(rows).toHaveLength(3);
    // Accuracies are real percentages, well above chance (10%) after training.
    for (const r of rows) {
      const [train, , test] = [...r.matchAll(/(\d+\.\d)%/g)].map((m) => Number(m[1]));
      expect(train).toBeGreaterThan(30);
      expect(test).toBeGreaterThan(30);
    }
    expect(await page.locator('[data-testid=nn-es-chart] [data-series-id=es]').count()).toBe(1);
    // the status line's rate is throttled to four updates a second: a fast run ends before its next one
    await expect.poll(() => page.textContent('[data-testid=rate]')).toMatch(/epochs\/s/);
    await page.screenshot({ path: 'screenshots/hilbert-network-rounds.png', fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
