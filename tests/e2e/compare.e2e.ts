import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const FIXTURES = 'tests/fixtures/import';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations inside `selector`, one line each. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run(sel);
    return r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  }, selector);
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(' ')}`);
}
const FIG = '[data-figure-id=chains-spread]';
/** A cheap run: one panel, 500 chains, 2000 iterations (seconds on any backend). */
const light = 'grid=single&chains=500&iterations=2000';

const done = (page: Page) =>
  page.waitForFunction(
    () => document.querySelector('[data-testid=run-state]')?.getAttribute('data-state') === 'done',
    null,
    { timeout: 120_000 },
  );
const legend = (page: Page) =>
  page.evaluate((sel) => [...document.querySelectorAll(`${sel} svg text`)].map((t) => t.textContent), FIG);
const paths = (page: Page, prefix: string) =>
  page.locator(`${FIG} path[data-series-id^="${prefix}"]`).count();
/** What the figure draws: every series path's id and geometry. */
const drawn = (page: Page) =>
  page.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} path[data-series-id]`)].map(
        (p) => `${p.getAttribute('data-series-id')} ${p.getAttribute('d')}`,
      ),
    FIG,
  );

async function setSigma2(page: Page, v: string) {
  const box = page.locator('input[aria-label="label-noise variance σ² value"]');
  await box.fill(v);
  await box.press('Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`sigma2=${v}`);
  await done(page);
  await settled(page);
}

/** The run is done and its chains' curve is on screen in full (the figure follows the store a little later). */
async function settled(page: Page) {
  await done(page);
  await page.waitForFunction(
    (sel) =>
      (document.querySelector(`${sel} path[data-series-id=emp-0]`)?.getAttribute('d') ?? '').split('L')
        .length > 40,
    FIG,
    { timeout: 60_000 },
  );
}

/** Opens the figure's Import dialog and chooses a file (a fixture's path, or a generated one). */
async function chooseFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.click(`${FIG} button[aria-label^="Import a run from a file"]`);
  await page.locator('[data-testid=import-dialog] input[type=file]').setInputFiles(file);
}

describe('Compare and keep: pins and imported runs on the figures', () => {
  it('pins, restores and clears runs (kept across a reload); imports files, refusing bad ones', async () => {
    const { page, problems } = await openPage(browser, `${base}#/label-noise-sgd?${light}`, 1440, 900);
    await waitForBackend(page);
    await settled(page);
    expect(await paths(page, 'pin:')).toBe(0);

    // Pin from the keyboard: the button takes Tab focus and Enter.
    await page.focus('[data-testid=pin-bar] button.pin-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=pin-1]')).toContain('pin 1: same parameters');
    await setSigma2(page, '2');
    // The pinned curves stay, dimmed, beneath the live ones; the legend names the param that differs.
    expect(await paths(page, 'pin:')).toBe(3);
    const order = await page.evaluate(
      (sel) =>
        [...document.querySelectorAll(`${sel} path[data-series-id]`)].map((p) => [
          p.getAttribute('data-series-id'),
          p.getAttribute('stroke-opacity'),
        ]),
      FIG,
    );
    expect(order.slice(0, 3).every(([id, op]) => id!.startsWith('pin:') && Number(op) < 0.5)).toBe(true);
    expect(order.slice(3).some(([id]) => id === 'emp-0')).toBe(true);
    expect(await legend(page)).toContain('pin 1: σ²=0.25');

    // A second pin, a third setting live, and an imported run: the lecture-hall picture.
    await page.click('[data-testid=pin-bar] >> text=pin this run');
    await setSigma2(page, '0.7');
    expect(await legend(page)).toEqual(expect.arrayContaining(['pin 1: σ²=0.25', 'pin 2: σ²=2']));
    await chooseFile(page, `${FIXTURES}/tensorboard-scalars.csv`);
    await expect.poll(() => page.textContent('[data-testid=import-preview]')).toMatch(/^56 rows: x 1 … 2000/);
    await page.click('text=Add to the figure');
    expect(await legend(page)).toContain('tensorboard-scalars.csv');
    // The pin bar, the legend's ✕ and the figure pass axe.
    expect(await axeViolations(page, '[data-testid=pin-bar]')).toEqual([]);
    expect(await axeViolations(page, FIG)).toEqual([]);
    await page.mouse.move(0, 0);
    await page.locator(FIG).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'screenshots/compare-pins-import.png' });
    await page.locator(FIG).screenshot({ path: 'screenshots/compare-figure.png' });

    // Reload: the pins come back from IndexedDB (the import was for this page only).
    await page.reload();
    await settled(page);
    await expect.poll(() => page.locator('[data-testid=pin-bar] li[data-testid^=pin-]').count()).toBe(2);
    await expect.poll(() => paths(page, 'pin:')).toBe(6);
    expect(await paths(page, 'import:')).toBe(0);

    // Restore pin 1: its σ² is set through the store (the schema validates it) and the run restarts.
    await page.click('[data-testid=pin-1] >> text=restore');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('sigma2=0.25');
    expect(await page.inputValue('input[aria-label="label-noise variance σ² value"]')).toBe('0.25');
    await settled(page);
    expect(await legend(page)).toContain('pin 1: same parameters');

    // Four at most: the fifth is refused with a message.
    for (let i = 0; i < 3; i++) await page.click('[data-testid=pin-bar] >> text=pin this run');
    expect(await page.locator('[data-testid=pin-bar] li[data-testid^=pin-]').count()).toBe(4);
    expect(await page.textContent('[data-testid=pin-message]')).toMatch(/^4 runs are pinned already/);

    await page.click('text=clear pins');
    await expect.poll(() => paths(page, 'pin:')).toBe(0);
    expect(await page.locator('[data-testid=pin-bar] li').count()).toBe(0);

    // Import each accepted format; each is listed under its file name.
    const good = ['tensorboard-scalars.csv', 'records.json', 'columns.json', 'tensorboard.json'];
    for (const f of good) {
      await chooseFile(page, `${FIXTURES}/${f}`);
      await expect.poll(() => page.textContent('[data-testid=import-preview]')).toMatch(/^56 rows/);
      await page.click('text=Add to the figure');
    }
    expect(await paths(page, 'import:')).toBe(4);
    expect(await legend(page)).toEqual(expect.arrayContaining(good));
    // The legend's ✕ removes one (it is a button: keyboard too).
    await page.focus(`${FIG} [role=button][aria-label="remove records.json from the figure"]`);
    await page.keyboard.press('Enter');
    expect(await paths(page, 'import:')).toBe(3);
    expect(await legend(page)).not.toContain('records.json');

    // A malformed and an oversized file: a message naming what is wrong; the figure stays as it is.
    const before = await drawn(page);
    await chooseFile(page, `${FIXTURES}/malformed.csv`);
    await expect
      .poll(() => page.textContent('[data-testid=import-error]'))
      .toBe("line 7: 'abc' is not a number in column Value");
    expect(await page.isDisabled('text=Add to the figure')).toBe(true);
    expect(await axeViolations(page, '[data-testid=import-dialog]')).toEqual([]);
    await page.click('[data-testid=import-dialog] >> text=Cancel');
    const huge = Buffer.alloc(6 * 1024 * 1024, '1,2\n');
    await chooseFile(page, { name: 'huge.csv', mimeType: 'text/csv', buffer: huge });
    await expect
      .poll(() => page.textContent('[data-testid=import-error]'))
      .toMatch(/^huge\.csv is 6\.0 MB; the limit is 5 MB/);
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=import-dialog]').count()).toBe(0);
    expect(await drawn(page)).toEqual(before);

    expect(problems).toEqual([]);
    await page.close();
  });
});
