// `npm run soak`: one tab left open for ten minutes (LAB_SOAK_MINUTES) while its sliders are dragged
// 100 times a second, one experiment after another (from the page's own picker), 60 s each
// (LAB_SOAK_SECONDS). Per experiment and over the whole soak, the JS heap and the worker's tensor count
// must stay flat, the engine must answer at once after the last change, and the last change must win.
import { launch, openPage, serveDist, waitForBackend } from '../e2e/harness';
import { loadExperiment, loadFailures, type LoadReport } from '../reliability/loadDriver';

const minutes = Number(process.env.LAB_SOAK_MINUTES ?? 10);
const perExperiment = Number(process.env.LAB_SOAK_SECONDS ?? 60);
const { server, url } = await serveDist();
const browser = await launch();
const failures: string[] = [];
const reports: LoadReport[] = [];
try {
  const { page, problems } = await openPage(browser, `${url}#/?backend=wasm`);
  await waitForBackend(page);
  // tsx (esbuild, keepNames) wraps named functions in __name(); the page must have it for evaluate.
  await page.evaluate('window.__name = (f) => f');
  const ids = await page.$$eval('select[aria-label=experiment] option', (os) =>
    os.map((o) => (o as HTMLOptionElement).value),
  );
  const t0 = Date.now();
  let first: LoadReport | null = null;
  for (let i = 0; Date.now() - t0 < minutes * 60_000; i++) {
    const id = ids[i % ids.length];
    await page.selectOption('select[aria-label=experiment]', id);
    const left = Math.max(5, Math.min(perExperiment, (minutes * 60_000 - (Date.now() - t0)) / 1000));
    const r = await loadExperiment(page, id, Math.round(left));
    first ??= r;
    reports.push(r);
    failures.push(...loadFailures(r).map((f) => `${id} (round ${Math.floor(i / ids.length) + 1}): ${f}`));
    const elapsed = ((Date.now() - t0) / 60_000).toFixed(1);
    console.log(
      `[${elapsed} min] ${id}: ${r.changes} changes in ${r.seconds} s; heap ${r.heapStartMb.toFixed(1)} → ${r.heapEndMb.toFixed(1)} MB; tensors ${r.tensorsStart} → ${r.tensorsEnd}; engine answered ${r.settleMs} ms after the last change`,
    );
  }
  const last = reports.at(-1)!;
  // Over the whole soak: the heap at the end against the heap after the first experiment settled.
  const whole = {
    ...last,
    heapStartMb: first!.heapStartMb,
    tensorsStart: Math.max(...reports.map((r) => r.tensorsStart)),
  };
  failures.push(...loadFailures(whole).map((f) => `whole soak: ${f}`));
  failures.push(...problems);
  const changes = reports.reduce((s, r) => s + r.changes, 0);
  console.log(
    `soak: ${minutes} min, ${reports.length} experiment loads, ${changes} slider changes; heap ${first!.heapStartMb.toFixed(1)} → ${last.heapEndMb.toFixed(1)} MB; tensors at rest ≤ ${whole.tensorsStart} → ${last.tensorsEnd}; failures = ${failures.length}`,
  );
  for (const f of failures) console.error(f);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failures.length ? 1 : 0);
