// Screenshot a page of the built lab: npx tsx tests/tools/shot.mts '<hash>' [waitMs] [out.png]
import { launch, openPage, serveDist, waitForBackend } from '../e2e/harness';
const { server, url } = await serveDist();
const b = await launch();
const { page, problems } = await openPage(b, url + (process.argv[2] ?? ''));
console.log('backend', await waitForBackend(page));
await page.waitForTimeout(Number(process.argv[3] ?? 3000));
await page.screenshot({ path: process.argv[4] ?? '/tmp/shot.png', fullPage: true });
console.log(await page.textContent('[data-testid=rate]'), await page.textContent('[data-testid=run-state]'));
console.log(problems);
await b.close();
await server.close();
