// JS self time by function while a run streams (CDP sampling profiler): npx tsx tests/tools/profile.mts
// '<hash>' [seconds]. Build with --minify false for readable names.
import { launch, serveDist, waitForBackend } from '../e2e/harness';
const { server, url } = await serveDist();
const b = await launch();
const page = await b.newPage({ viewport: { width: 1400, height: 1000 } });
const cdp = await page.context().newCDPSession(page);
await page.goto(url + (process.argv[2] ?? ''));
await waitForBackend(page);
await page.waitForSelector('[data-testid=trajectory-0]', { timeout: 60000 }).catch(() => undefined);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.waitForTimeout(Number(process.argv[3] ?? 8) * 1000);
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas ?? [];
(profile.samples ?? []).forEach((id: number, i: number) => {
  const cf = byId.get(id)!.callFrame;
  const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0));
});
console.log(
  [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, v]) => `${Math.round(v / 1000)}ms ${k}`)
    .join('\n'),
);
await b.close();
await server.close();
