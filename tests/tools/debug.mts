import { launch, openPage, serveDist, waitForBackend } from '../e2e/harness';
const { server, url } = await serveDist();
const b = await launch();
const { page, problems } = await openPage(b, url + '#/label-noise-sgd?grid=single&chains=2000');
console.log('backend', await waitForBackend(page));
await page.click('[data-preset=fig1e-h]');
await page.waitForSelector('[data-testid=ols-panel-3]');
for (let i = 0; i < 4; i++)
  console.log(
    await page.getAttribute(`[data-testid=exact-cov-${i}]`, 'data-value'),
    await page.getAttribute(`[data-testid=ols-panel-${i}]`, 'data-chain-step'),
  );
await page.waitForTimeout(3000);
for (let i = 0; i < 4; i++)
  console.log(
    await page.getAttribute(`[data-testid=exact-cov-${i}]`, 'data-value'),
    await page.getAttribute(`[data-testid=ols-panel-${i}]`, 'data-chain-step'),
  );
console.log(await page.textContent('[data-testid=run-state]'), problems);
await page.screenshot({ path: '/tmp/shot.png', fullPage: true });
await b.close();
await server.close();
