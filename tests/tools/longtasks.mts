// Long tasks and renders while a run streams: npx tsx tests/tools/longtasks.mts '<hash>' [seconds]
// Needs the e2e build (vite build --mode e2e). Prints the longest tasks, total blocking time, renders.
import { launch, longTasks, openPage, renderCounts, serveDist, waitForBackend } from '../e2e/harness';
const { server, url } = await serveDist();
const b = await launch();
const { page, problems } = await openPage(b, url + (process.argv[2] ?? ''));
console.log('backend', await waitForBackend(page));
await page.waitForTimeout(Number(process.argv[3] ?? 15) * 1000);
const tasks = await longTasks(page);
const tbt = tasks.reduce((s, d) => s + Math.max(0, d - 50), 0);
console.log('long tasks', tasks.length, 'longest', tasks.slice(0, 8).map(Math.round), 'TBT', Math.round(tbt));
console.log('renders', await renderCounts(page));
console.log(await page.textContent('[data-testid=rate]'), await page.textContent('[data-testid=run-state]'));
console.log(problems);
await page.screenshot({ path: '/tmp/lt.png', fullPage: true });
await b.close();
await server.close();
