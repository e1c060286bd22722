import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experiments } from '../../src/experiments';
import { contentSecurityPolicy } from '../../vite.config';
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

describe('Content-Security-Policy', () => {
  it('the built page carries the policy: self only, wasm-unsafe-eval, never unsafe-eval', () => {
    const html = readFileSync(`${process.env.LAB_DIST ?? 'dist'}/index.html`, 'utf8').replaceAll(
      '&#39;',
      "'",
    );
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toMatch(/^default-src 'self';/);
    expect(contentSecurityPolicy).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-eval'/);
    // The policy comes first in <head>, before any script it must govern.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('every experiment loads and runs under it with no violation report', async () => {
    const violations: string[] = [];
    for (const e of experiments) {
      const { page, problems } = await openPage(browser, `${base}#/${e.id}?backend=wasm`);
      await page.evaluate(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (ev) =>
          w.__csp.push(`${ev.violatedDirective} ${ev.blockedURI}`),
        );
      });
      await waitForBackend(page);
      // running or done, or idle where the page is exact theory only
      await page.waitForSelector('[data-testid=run-state]:not([data-state=starting])', { timeout: 120_000 });
      expect(await page.getAttribute('[data-testid=run-state]', 'data-state'), e.id).not.toBe('error');
      // KaTeX fonts, the wasm binary and the data files have all loaded by now, or a run is under way.
      await page.waitForTimeout(1500);
      const v = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      violations.push(...v.map((x) => `${e.id}: ${x}`));
      // Violations are also console errors ("Refused to …"): the harness records those from the start.
      violations.push(...problems.map((p) => `${e.id}: ${p}`));
      await page.close();
    }
    expect(violations).toEqual([]);
  });
});
