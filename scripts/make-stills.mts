/**
 * The landing cards' stills: each experiment's first figure, drawn by the experiment's own code in the
 * built page (presentation mode, defaults), after its run has finished or 40 s, at half resolution.
 * Run after a figure's look changes:  npm run build -- --mode e2e && npx tsx scripts/make-stills.mts
 */
import { mkdirSync } from 'node:fs';
import { experimentsIn } from '../src/cli/discover';
import { launch, serveDist } from '../tests/e2e/harness';

mkdirSync('public/stills', { recursive: true });
const experiments = await experimentsIn('src/experiments');
const { server, url } = await serveDist();
const browser = await launch();
try {
  for (const e of experiments) {
    const fig = e.figures[0];
    const page = await browser.newPage({
      viewport: { width: 1280, height: 760 },
      deviceScaleFactor: 0.5,
      serviceWorkers: 'block',
    });
    await page.goto(`${url}#/${e.id}?present=${fig.id}`);
    await page
      .waitForSelector('[data-testid=run-state][data-state=done], [data-testid=run-state][data-state=idle]', {
        timeout: 40_000,
      })
      .catch(() => undefined);
    await page.waitForTimeout(800);
    await page.locator('[data-testid=present-stage]').screenshot({ path: `public/stills/${e.id}.png` });
    console.log(e.id, fig.id);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
