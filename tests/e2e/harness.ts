import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

/** Debian's chromium, or a path given in CHROMIUM_PATH; Playwright's own download cannot run here. */
export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `no Chromium found (tried ${candidates.join(', ')}); install it (Debian: apt-get install chromium) or set CHROMIUM_PATH`,
    );
  return found;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--enable-unsafe-webgpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Serve the production build (dist/) under a sub-path, as the hosted page would be. */
export async function serveDist(): Promise<{ server: PreviewServer; url: string }> {
  // LAB_DIST: another build folder, so a second build (another checkout's tests) cannot swap files
  // under a running suite.
  const outDir = process.env.LAB_DIST ?? 'dist';
  if (!existsSync(`${outDir}/index.html`))
    throw new Error(`${outDir}/ is missing: run \`vite build\` first (npm run test:e2e does)`);
  const server = await preview({
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    base: '/lab/',
    logLevel: 'silent',
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no port');
  return { server, url: `http://127.0.0.1:${addr.port}/lab/` };
}

/** Open a page that records console errors, failed requests and requests to other origins. */
export async function openPage(browser: Browser, url: string, width = 1400, height = 1000) {
  // No service worker: the suites mock and block requests, which a worker's cache would answer instead
  // (hosted.e2e.ts tests the worker on its own context).
  const page = await browser.newPage({ viewport: { width, height }, serviceWorkers: 'block' });
  const problems: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
      problems.push(`request to another origin: ${u}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  // Main-thread tasks over 50 ms, recorded from the first script on (the rendering-path budget).
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no longtask support: the list stays empty and the tests that need it say so
    }
  });
  await page.goto(url);
  return { page, problems };
}

export async function waitForBackend(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid=backend]')?.getAttribute('data-backend'),
    null,
    { timeout },
  );
  return (await page.getAttribute('[data-testid=backend]', 'data-backend')) ?? '';
}

/** Long tasks (> 50 ms) since `sinceMs` (performance.now() of the page): their durations, longest first. */
export async function longTasks(page: Page, sinceMs = 0): Promise<number[]> {
  const all = await page.evaluate(
    () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
  );
  return all
    .filter((t) => t.start >= sinceMs)
    .map((t) => t.duration)
    .sort((a, b) => b - a);
}

/** Renders per component name since the page loaded (counted only in the e2e build). */
export async function renderCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({
    ...((window as unknown as { __labRenders?: Record<string, number> }).__labRenders ?? {}),
  }));
}

/** The page's own text (not the link's, which the notices quote) and its SVG labels. */
export const pageText = (page: Page) =>
  page.evaluate(
    () =>
      [...document.body.children]
        .map((el) =>
          (el as HTMLElement).innerText.replace(
            (el.querySelector('[data-testid=url-notices]') as HTMLElement | null)?.innerText ?? '\u0000',
            '',
          ),
        )
        .join(' ') +
      ' ' +
      [...document.querySelectorAll('svg text')].map((t) => t.textContent).join(' '),
  );
