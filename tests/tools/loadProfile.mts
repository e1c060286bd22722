// Main-thread JS by time window during a load: warm (the page opened once, then reloaded under the CDP
// sampling profiler) or, with COLD=1, the first navigation of a fresh context; prints, per window, the functions with the most self time.
//   LAB_DIST=… npx tsx tests/tools/loadProfile.mts '<hash>' [seconds] [window ms]
// Build with --minify false for readable names.
import { launch, serveDist } from '../e2e/harness';
const [hash = '', secs = '5', win = '250'] = process.argv.slice(2);
const { server, url } = await serveDist();
const b = await launch();
const ctx = await b.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
const page = await ctx.newPage();
const cold = process.env.COLD === '1';
if (!cold) {
  await page.goto(url + hash);
  await page.waitForTimeout(4000);
}
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
if (cold) await page.goto(url + hash);
else await page.reload();
await page.waitForTimeout(Number(secs) * 1000);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas ?? [];
let t = profile.startTime / 1000; // µs → ms, monotonic clock
const windows = new Map<number, Map<string, number>>();
const W = Number(win);
// Windows count from the profiler's start, just before the navigation (the profile's own clock).
(profile.samples ?? []).forEach((id: number, i: number) => {
  t += (dt[i] ?? 0) / 1000;
  const cf = byId.get(id)!.callFrame;
  if (cf.functionName === '(idle)' || cf.functionName === '(program)') return;
  const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
  const w = Math.floor((t - profile.startTime / 1000) / W);
  const m = windows.get(w) ?? new Map<string, number>();
  m.set(k, (m.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
  windows.set(w, m);
});
for (const [w, m] of [...windows.entries()].sort((a, b) => a[0] - b[0])) {
  const total = [...m.values()].reduce((a, b) => a + b, 0);
  const top = [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `${w * W}–${(w + 1) * W} ms: busy ${Math.round(total)} ms · ` +
      top.map(([k, v]) => `${Math.round(v)} ${k}`).join(' · '),
  );
}
await b.close();
await server.close();
