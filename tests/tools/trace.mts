// Long main-thread tasks and what fills them (Commit, Layout, FunctionCall…) from a Chrome trace:
// npx tsx tests/tools/trace.mts '<hash>' [seconds]. Needs a build in dist/ (vite build --mode e2e).
import { launch, serveDist, waitForBackend } from '../e2e/harness';
const { server, url } = await serveDist();
const b = await launch();
const page = await b.newPage({ viewport: { width: 1400, height: 1000 } });
const cdp = await page.context().newCDPSession(page);
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args: { name?: string };
}
const events: TraceEvent[] = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
  transferMode: 'ReportEvents',
});
await page.goto(url + (process.argv[2] ?? ''));
await waitForBackend(page);
await page.waitForTimeout(Number(process.argv[3] ?? 12) * 1000);
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.end');
await done;
// main thread: find the renderer main thread id via thread_name
const names = new Map<string, string>();
for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name ?? '');
const main = [...names.entries()].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
const top = events.filter((e) => e.ph === 'X' && main.includes(`${e.pid}:${e.tid}`) && e.dur);
const tasks = top
  .filter((e) => e.name === 'RunTask' && e.dur! > 50000)
  .map((t) => {
    const inner = top.filter(
      (e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.name !== 'RunTask',
    );
    const by = new Map<string, number>();
    for (const e of inner) by.set(e.name, (by.get(e.name) ?? 0) + e.dur!);
    return {
      ms: Math.round(t.dur! / 1000),
      top: [...by.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([n, d]) => `${n}:${Math.round(d / 1000)}`),
    };
  });
console.log(JSON.stringify(tasks.sort((a, b) => b.ms - a.ms).slice(0, 8), null, 1));
await b.close();
await server.close();
