#!/usr/bin/env node
/**
 * Fails when the page's first-load JavaScript (the entry chunk dist/assets/index-*.js) grows past the
 * budget, and prints every chunk's size so a growth can be traced: node scripts/check-bundle-budget.mjs [dist]
 * The service worker (sw.js, workbox-*.js) and the manifest are not part of the page's first load.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const MAIN_BUDGET_KB = 450;
const dist = process.argv[2] ?? 'dist';
const assets = path.join(dist, 'assets');
const kb = (f) => statSync(f).size / 1000;
const files = readdirSync(assets)
  .filter((f) => /\.(js|wasm|css)$/.test(f))
  .map((f) => ({ f, size: kb(path.join(assets, f)) }))
  .sort((a, b) => b.size - a.size);
const main = files.filter((x) => /^index-.*\.js$/.test(x.f));
if (main.length !== 1) {
  console.error(`expected one entry chunk index-*.js in ${assets}, found ${main.length}`);
  process.exit(1);
}
for (const x of files.slice(0, 12)) console.log(`${x.size.toFixed(1).padStart(9)} kB  ${x.f}`);
console.log(`main bundle ${main[0].size.toFixed(1)} kB, budget ${MAIN_BUDGET_KB} kB`);
if (main[0].size > MAIN_BUDGET_KB) {
  console.error(`the main bundle (${main[0].f}) is over its budget of ${MAIN_BUDGET_KB} kB`);
  process.exit(1);
}
