/**
 * The hosted page as a newcomer and a lecturer use it, every experiment discovered from the registry:
 * the landing and its cards, an unknown id, the keyboard, presentation mode of every figure, hide=,
 * a panel whose chunk cannot load, axe (no serious or critical violation), and the page offline after
 * one visit. Page loads are shared: one page walks the landing and every experiment.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentsIn } from '../../src/cli/discover';
import type { AnyExperiment } from '../../src/experiments/types';
import { launch, openPage, pageText, serveDist } from './harness';

// evaluated, not added as a <script>: the page's CSP allows no inline script
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let server: PreviewServer;
let base: string;
let registry: AnyExperiment[];
const shots = 'screenshots/hosted';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  registry = await experimentsIn('src/experiments');
  ({ server, url: base } = await serveDist());
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A figure of the page is on screen (a chart root with its data-figure-id, laid out). */
const firstFigure = (page: Page, timeout = 60_000) =>
  page.waitForSelector('[data-figure-id]', { state: 'visible', timeout });
/** The experiment's panel has loaded (its chunk arrived and it rendered). */
const panelShown = (page: Page, id: string, timeout = 60_000) =>
  page.waitForSelector(`[data-testid=panel][data-experiment="${id}"] > *`, { timeout });
/** The run's first frames are in (exact-only experiments have no run). */
const runGoing = (page: Page, timeout = 90_000) =>
  page.waitForSelector(
    '[data-testid=run-state]:is([data-state=running], [data-state=done], [data-state=paused], [data-state=idle])',
    { timeout },
  );

/** axe-core's serious and critical violations on the page as it is, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(' ')}`);
}

describe('the hosted page', () => {
  it('the landing lists every experiment by paper; each card opens it with a figure drawn; axe finds nothing serious', async () => {
    const { page, problems } = await openPage(browser, base, 1440, 900);
    await page.waitForSelector('[data-testid=landing]');
    const papers = new Set(registry.map((e) => e.paperId));
    expect(await page.locator('.paper-group').count()).toBe(papers.size);
    for (const e of registry) {
      const card = page.locator(`[data-testid=card-${e.id}]`);
      expect(await card.textContent()).toContain(e.title);
      expect(await card.textContent()).toContain(e.paperFigures);
      // the still loaded (a broken image has naturalWidth 0)
      expect(await card.locator('img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(
        0,
      );
    }
    await page.screenshot({ path: `${shots}/landing.png`, fullPage: true });
    const violations: Record<string, string[]> = { landing: await axeViolations(page) };
    for (const e of registry) {
      await page.click(`[data-testid=card-${e.id}] a`);
      await expect.poll(() => page.evaluate(() => location.hash)).toMatch(new RegExp(`^#/${e.id}\\?`));
      await page.waitForSelector(`[data-testid=panel][data-experiment="${e.id}"] > *`);
      // the run's first frames are in (so its time to first data is measured)
      if (e.jobFor(e.defaults) !== null)
        await page.waitForSelector('[data-testid=run-state]:is([data-state=running], [data-state=done])', {
          timeout: 90_000,
        });
      violations[e.id] = await axeViolations(page);
      // no chart title is cut at this size (a long one shrinks to fit)
      expect(await page.locator('svg text[data-truncated]').allTextContents()).toEqual([]);
      expect(await pageText(page)).not.toMatch(/\bNaN\b|undefined/);
      await page.click('text=← All experiments');
      await page.waitForSelector('[data-testid=landing]');
    }
    // the time to each experiment's first data, measured on this machine, is now on its card
    for (const e of registry.filter((x) => x.jobFor(x.defaults) !== null))
      expect(await page.textContent(`[data-testid=card-${e.id}]`)).toMatch(/first figure here in \d/);
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an unknown id lands on the landing with a notice naming it; the keyboard drives a run', async () => {
    const { page, problems } = await openPage(browser, `${base}#/no-such-paper?sigma2=3`, 1280, 800);
    await page.waitForSelector('[data-testid=landing]');
    expect(await page.textContent('[data-testid=url-notices]')).toContain(
      'unknown experiment "no-such-paper"',
    );
    // 1 opens the first experiment; ? shows every shortcut; Esc closes it
    await page.keyboard.press('1');
    await firstFigure(page);
    expect(await page.evaluate(() => location.hash)).toMatch(new RegExp(`^#/${registry[0].id}\\?`));
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid=shortcuts]');
    expect(await page.textContent('[data-testid=shortcuts]')).toMatch(/Space.*pause.*PageDown/s);
    await page.screenshot({ path: `${shots}/shortcuts.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=shortcuts]').count()).toBe(0);
    // Space pauses (and does not scroll), Space resumes, S steps, R restarts
    await page.waitForSelector('[data-testid=run-state][data-state=running]', { timeout: 60_000 });
    const y = await page.evaluate(() => scrollY);
    await page.keyboard.press(' ');
    await page.waitForSelector('[data-testid=run-state][data-state=paused]');
    expect(await page.evaluate(() => scrollY)).toBe(y);
    await page.keyboard.press('s');
    await page.waitForSelector('[data-testid=run-state][data-state=paused]');
    await page.keyboard.press(' ');
    await page.waitForSelector(
      '[data-testid=run-state][data-state=running], [data-testid=run-state][data-state=done]',
    );
    await page.keyboard.press('r');
    await page.waitForSelector('[data-testid=run-state]:is([data-state=starting], [data-state=running])');
    // Tab reaches the controls with a visible focus ring; the arrow key moves a slider
    const slider = page.getByRole('slider').first();
    await slider.focus();
    const before = await slider.inputValue();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.inputValue()).not.toBe(before);
    expect(await slider.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/ = -?\d/);
    // every chart is a named figure, and its Table button shows its numbers (Esc closes them)
    const named = await page.$$eval('[data-figure-id]', (els) =>
      els.map((e) => e.getAttribute('aria-label') ?? ''),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((n) => /\S.*\(chart; its data: the Table button\)/.test(n))).toBe(true);
    // a narrow chart folds its buttons into one "Data ▾" menu
    const first = page.locator('[data-figure-id]').first();
    const menu = first.locator('button', { hasText: 'Data ▾' });
    if ((await menu.count()) > 0) await menu.click();
    await first.locator('button', { hasText: 'Table' }).click();
    await page.waitForSelector('[role=dialog] table tbody tr');
    // the run was just restarted: at least its first row of data
    expect(await page.locator('[role=dialog] table tbody tr').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[role=dialog] table').count()).toBe(0);
    // H goes back to the landing
    await page.keyboard.press('h');
    await page.waitForSelector('[data-testid=landing]');
    // every experiment with a tour offers it on its card; → steps it, the link follows, Esc leaves
    for (const e of registry.filter((x) => (x.tour?.length ?? 0) > 0).slice(0, 2)) {
      await page.click(`[data-testid=tour-${e.id}]`);
      await page.waitForSelector('[data-testid=tour-card][data-step="1"]');
      expect(await page.textContent('[data-testid=tour-card]')).toContain(`step 1 of ${e.tour!.length}`);
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid=tour-card][data-step="2"]');
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('tour=2');
      await page.screenshot({ path: `${shots}/tour-${e.id}-2.png` });
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('[data-testid=tour-card]').count()).toBe(0);
      await page.keyboard.press('h');
      await page.waitForSelector('[data-testid=landing]');
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('presentation mode: every figure fills ≥ 80 % of the width at 1920×1080, the first also at 2560×1440, 1280×720 and 1024×768; → and Esc', async () => {
    const report: string[] = [];
    for (const e of registry) {
      const { page, problems } = await openPage(
        browser,
        `${base}#/${e.id}?present=${e.figures[0].id}`,
        1920,
        1080,
      );
      await page.waitForSelector('[data-testid=presentation]');
      // the bar: the figure takes at least 80 % of the screen's width (the sliders beside it take the rest)
      const fits = (m: { share: number; heightShare: number }) => m.share >= 0.8;
      /** the figure's box once presentation mode has fitted it (it re-fits when the figure appears or resizes) */
      const fitted = async (fig: string) => {
        let m = await measure(fig);
        for (let t = 0; m && !fits(m) && t < 20; t++) {
          await page.waitForTimeout(150);
          m = await measure(fig);
        }
        return m;
      };
      const measure = async (fig: string) => {
        await page
          .waitForSelector(`.present-content [data-figure-id="${fig}"]`, { state: 'visible', timeout: 1500 })
          .catch(() => undefined);
        await page.waitForTimeout(150);
        return page.evaluate((id) => {
          const els = [...document.querySelectorAll(`.present-content [data-figure-id="${id}"]`)].filter(
            (x) => (x as HTMLElement).offsetParent !== null,
          );
          if (els.length === 0) return null;
          const r = els.map((x) => x.getBoundingClientRect());
          const stage = document.querySelector('[data-testid=present-stage]')!.getBoundingClientRect();
          const w = Math.max(...r.map((q) => q.right)) - Math.min(...r.map((q) => q.left));
          const h = Math.max(...r.map((q) => q.bottom)) - Math.min(...r.map((q) => q.top));
          // the on-screen size of the figure's tick labels (font size × the presentation's scale)
          const text = els[0].querySelector('svg text');
          const scale = r[0].width / (els[0] as HTMLElement).offsetWidth;
          const tick = text ? parseFloat(getComputedStyle(text).fontSize) * scale : null;
          return { share: w / innerWidth, heightShare: h / stage.height, tick };
        }, fig);
      };
      for (let i = 0; i < e.figures.length; i++) {
        const fig = e.figures[i].id;
        await expect.poll(() => page.getAttribute('[data-testid=presentation]', 'data-present')).toBe(fig);
        const m = await fitted(fig);
        if (!m) report.push(`${e.id}/${fig}: not drawn yet at this point of the run`);
        else {
          report.push(
            `${e.id}/${fig}: ${(100 * m.share).toFixed(0)} % wide, ${(100 * m.heightShare).toFixed(0)} % high`,
          );
          // fills the width, or (a tall figure) the stage's height
          expect(fits(m), `${e.id}/${fig} ${JSON.stringify(m)}`).toBe(true);
          if (m.tick !== null) expect(m.tick, `${e.id}/${fig} tick labels`).toBeGreaterThanOrEqual(18);
        }
        if (i === 0) await page.screenshot({ path: `${shots}/present-${e.id}-1920.png` });
        await page.keyboard.press(i % 2 ? 'ArrowRight' : 'PageDown');
      }
      // wrapped around to the first figure; at 1024 × 768 it still fills the screen
      await expect
        .poll(() => page.getAttribute('[data-testid=presentation]', 'data-present'))
        .toBe(e.figures[0].id);
      // the other screens of the issue: a 1440p monitor, a 720p projector, an old 4:3 one
      for (const [w, h] of [
        [2560, 1440],
        [1280, 720],
        [1024, 768],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        const m = await fitted(e.figures[0].id);
        if (m) {
          report.push(`${e.id}/${e.figures[0].id} at ${w}×${h}: ${(100 * m.share).toFixed(0)} % wide`);
          expect(fits(m), `${e.id} at ${w}×${h} ${JSON.stringify(m)}`).toBe(true);
        }
      }
      await page.screenshot({ path: `${shots}/present-${e.id}-1024.png` });
      await page.keyboard.press('Escape');
      await page.waitForSelector('.main');
      await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('present=');
      expect(problems).toEqual([]);
      await page.close();
    }
    console.log(`presentation mode:\n  ${report.join('\n  ')}`);
  });

  it('on a 768×1024 tablet the controls fold into a drawer, and no chart title is cut', async () => {
    const { page, problems } = await openPage(browser, `${base}#/${registry[0].id}`, 768, 1024);
    await panelShown(page, registry[0].id);
    const toggle = page.locator('.drawer-toggle');
    expect(await toggle.isVisible()).toBe(true);
    const drawerX = () => page.locator('#controls-drawer').evaluate((el) => el.getBoundingClientRect().right);
    expect(await drawerX()).toBeLessThanOrEqual(0); // folded away
    await toggle.click();
    await expect.poll(drawerX).toBeGreaterThan(200);
    await page.screenshot({ path: `${shots}/tablet-drawer.png` });
    await toggle.click();
    await expect.poll(drawerX).toBeLessThanOrEqual(0);
    await runGoing(page);
    expect(await page.locator('svg text[data-truncated]').allTextContents()).toEqual([]);
    await page.screenshot({ path: `${shots}/tablet.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hide= drops chosen controls and regions; a panel whose code cannot load says so and retries', async () => {
    const e = registry.find((x) => x.controls.length > 2)!;
    const hidden = e.controls[0].key;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(`${base}#/${e.id}?hide=status,${hidden}`);
    await firstFigure(page);
    expect(await page.locator('.status').count()).toBe(0);
    expect(await page.locator(`[data-control="${hidden}"]`).count()).toBe(0);
    expect(await page.locator(`[data-control="${e.controls[1].key}"]`).count()).toBe(1);
    // block every experiment's panel chunk, then open another experiment: a message and a retry
    await page.route(/\/assets\/Panel-[^/]*\.js$/, (r) => r.abort());
    const other = registry.find((x) => x.id !== e.id)!;
    await page.evaluate((id) => (location.hash = `#/${id}`), other.id);
    await page.waitForSelector('[data-testid=panel-error]');
    expect(await page.textContent('[data-testid=panel-error]')).toMatch(/could not be loaded.*Retry/s);
    expect(await page.locator('.header').count()).toBe(1); // the page is not blank
    await page.unroute(/\/assets\/Panel-[^/]*\.js$/);
    await page.click('[data-testid=panel-error] button');
    await panelShown(page, other.id);
    await ctx.close();
  });

  it('after one visit the page opens and every experiment runs with the network off, under the CSP', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    // The service worker registers, precaches and answers under the page's CSP: no violation, from the first script on
    await ctx.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (ev) =>
        w.__csp.push(`${ev.violatedDirective} ${ev.blockedURI}`),
      );
    });
    const page = await ctx.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) refused.push(m.text());
    });
    await page.goto(base);
    await page.waitForSelector('[data-testid=landing]');
    // the service worker has installed (precached the whole build) and is active
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForSelector('[data-testid=update-notice]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=update-notice]')).toMatch(/offline/);
    await ctx.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid=landing]');
    for (const e of registry) {
      await page.click(`[data-testid=card-${e.id}] a`);
      await panelShown(page, e.id);
      await runGoing(page);
      expect(await page.getAttribute('[data-testid=run-state]', 'data-state')).not.toBe('error');
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), e.id).toEqual([]);
      await page.keyboard.press('h');
      await page.waitForSelector('[data-testid=landing]');
    }
    expect(refused).toEqual([]);
    await ctx.close();
  });
});
