/**
 * Renders public/icons/icon.svg to the PNG sizes the web app manifest lists (192, 512, and a 512
 * "maskable" one with the safe-zone padding), in headless Chromium. Run after editing the SVG:
 *   npx tsx scripts/make-icons.mts
 */
import { readFile } from 'node:fs/promises';
import { launch } from '../tests/e2e/harness';

const svg = await readFile('public/icons/icon.svg', 'utf8');
const browser = await launch();
try {
  for (const [size, file, pad] of [
    [192, 'icon-192.png', 0],
    [512, 'icon-512.png', 0],
    [512, 'icon-maskable-512.png', 0.1],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = Math.round(size * (1 - 2 * pad));
    await page.setContent(
      `<body style="margin:0;background:#1d3557;display:grid;place-items:center;width:${size}px;height:${size}px">` +
        `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
    );
    await page.screenshot({ path: `public/icons/${file}`, omitBackground: pad === 0 });
    await page.close();
  }
} finally {
  await browser.close();
}
