// Where a cold load's time goes: resource fetches, first paint and the first figure, one experiment.
//   LAB_DIST=… npx tsx tests/tools/loadTimeline.mts <experiment id>
import { experimentsIn } from '../../src/cli/discover';
import { launch, serveDist } from '../e2e/harness';

const id = process.argv[2] ?? 'label-noise-sgd';
const all = await experimentsIn('src/experiments');
const e = all.find((x) => x.id === id)!;
const { server, url } = await serveDist();
const b = await launch();
const ctx = await b.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.text()));
const workers: import('playwright-core').Worker[] = [];
page.on('worker', (w) => workers.push(w));
await page.goto(`${url}#/${e.id}`);
const t = await page
  .waitForFunction(
    () => {
      const g = document.querySelector('[data-testid=run-state]')?.getAttribute('data-state');
      const fig = document.querySelector('[data-testid=panel] svg path[d], [data-testid=panel] canvas');
      return g && g !== 'starting' && fig ? performance.now() : false;
    },
    null,
    { polling: 'raf', timeout: 60_000 },
  )
  .then((h) => h.jsonValue());
console.log('first running frame at', t);
await page.waitForTimeout(2500);
const commits = (await page.evaluate(() =>
  (window as unknown as { __labCommits: { t: number; runKey: number; version: number }[] }).__labCommits
    .slice(0, 12)
    .map((c) => `${Math.round(c.t)} run ${c.runKey} v${c.version}`),
)) as string[];
console.log('commits', commits.join(' | '));
const entries = (await page.evaluate(() =>
  [
    ...performance.getEntriesByType('resource'),
    ...performance.getEntriesByType('paint'),
    ...performance.getEntriesByType('mark'),
    ...performance.getEntriesByType('navigation'),
  ].map((r) => ({
    n: r.name.replace(/^https?:\/\/[^/]+/, ''),
    s: Math.round(r.startTime),
    e: Math.round(r.startTime + r.duration),
    sz: (r as PerformanceResourceTiming).transferSize ?? 0,
  })),
)) as { n: string; s: number; e: number; sz: number }[];
for (const r of entries.sort((a, b) => a.s - b.s))
  console.log(
    String(r.s).padStart(6),
    String(r.e).padStart(6),
    String(Math.round(r.sz / 1024)).padStart(6) + 'k',
    r.n,
  );
const pageOrigin = (await page.evaluate('performance.timeOrigin')) as number;
for (const w of workers) {
  const rows = (await w.evaluate(() => ({
    origin: performance.timeOrigin,
    now: performance.now(),
    list: [
      ...performance.getEntriesByType('resource'),
      ...performance.getEntriesByType('mark'),
      ...performance.getEntriesByType('measure'),
    ].map((r) => ({
      n: r.name.replace(/^https?:\/\/[^/]+/, ''),
      s: r.startTime,
      e: r.startTime + r.duration,
      sz: (r as PerformanceResourceTiming).transferSize ?? 0,
    })),
  }))) as { origin: number; now: number; list: { n: string; s: number; e: number; sz: number }[] };
  const off = rows.origin - pageOrigin;
  console.log('worker', w.url(), 'origin at page time', Math.round(off));
  for (const r of rows.list)
    console.log(
      '  W',
      String(Math.round(r.s + off)).padStart(6),
      String(Math.round(r.e + off)).padStart(6),
      String(Math.round(r.sz / 1024)).padStart(6) + 'k',
      r.n,
    );
}
await b.close();
await server.close();
