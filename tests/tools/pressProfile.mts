// Where a slider press's time goes on the main thread: JS time by function (self and inclusive) from
// each of `presses` key presses on the focused slider, while the default run streams, to the first
// panel commit that shows its value (CDP sampling profiler, started before and stopped after each).
//   npx tsx tests/tools/pressProfile.mts '<hash>' '<slider label>' <param key> [presses]
// Build with --minify false for readable names (LAB_DIST=that folder).
import { launch, serveDist, waitForBackend } from '../e2e/harness';
const [hash = '', label = '', key = '', n = '20'] = process.argv.slice(2);
const { server, url } = await serveDist();
const b = await launch();
const page = await b.newPage({ viewport: { width: 1400, height: 1000 } });
const cdp = await page.context().newCDPSession(page);
await page.goto(url + hash);
await waitForBackend(page);
await page.waitForTimeout(2500);
const slider = page.getByRole('slider', { name: label, exact: true });
await slider.focus();
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const presses = Number(n);
type Profile = Awaited<ReturnType<typeof stop>>;
const stop = async () => (await cdp.send('Profiler.stop')).profile;
const profiles: Profile[] = [];
// in-page code as text: tsx's keepNames helpers (__name) do not exist in the page
const K = JSON.stringify(key);
// 0 presses: one 4 s window of the streaming run alone (per-"press" figures are then per 4 s)
if (presses === 0) {
  await cdp.send('Profiler.start');
  await page.waitForTimeout(4000);
  profiles.push(await stop());
}
for (let i = 0; i < presses; i++) {
  const [v0, len] = (await page.evaluate(
    `[window.__labStore.getState().params[${K}], window.__labCommits.length]`,
  )) as [unknown, number];
  await cdp.send('Profiler.start');
  await page.keyboard.press(i % 2 ? 'PageDown' : 'PageUp');
  await page.waitForFunction(
    `(() => { const now = window.__labStore.getState().params[${K}];
      return now !== ${JSON.stringify(v0)} && window.__labCommits.slice(${len}).some((c) => c.params[${K}] === now); })()`,
    undefined,
    { polling: 1 },
  );
  profiles.push(await stop());
  await page.waitForTimeout(250);
}
// UNDER=<function name>: only the samples under that function (e.g. dispatchDiscreteEvent: the input's
// own event, where React renders and commits the slider's value synchronously)
const under = process.env.UNDER;
const self = new Map<string, number>();
const incl = new Map<string, number>();
for (const profile of profiles) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const name = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    return `${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.lineNumber}`;
  };
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id: number, i: number) => {
    const d = dt[i] ?? 0;
    const k = name(id);
    if (under) {
      let cur: number | undefined = id;
      while (cur !== undefined && !name(cur).startsWith(under)) cur = parent.get(cur);
      if (cur === undefined) return;
    }
    self.set(k, (self.get(k) ?? 0) + d);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = name(cur);
      if (seen.has(kk)) continue;
      seen.add(kk);
      incl.set(kk, (incl.get(kk) ?? 0) + d);
    }
  });
}
const top = (m: Map<string, number>, k: number) =>
  [...m.entries()]
    .filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(root)'))
    .sort((a, c) => c[1] - a[1])
    .slice(0, k)
    .map(([key, v]) => `${(v / 1000 / Math.max(1, presses)).toFixed(2).padStart(7)} ms/press  ${key}`)
    .join('\n');
console.log(`self time\n${top(self, 25)}\n\ninclusive\n${top(incl, Number(process.env.TOP ?? 45))}`);
await b.close();
await server.close();
