#!/usr/bin/env node
/**
 * Fails when the page's first-load JavaScript (the entry chunk and the chunks it imports statically)
 * grows past the budget, and prints the largest chunks so a growth can be traced:
 * node scripts/check-bundle-budget.mjs [dist]
 * The service worker (sw.js, workbox-*.js) and the manifest are not part of the page's first load.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { firstLoad, MAIN_BUDGET_KB } from './bundleFirstLoad.mjs';

const dist = process.argv[2] ?? 'dist';
const assets = path.join(dist, 'assets');
const files = readdirSync(assets)
  .filter((f) => /\.(js|wasm|css)$/.test(f))
  .map((f) => ({ f, size: statSync(path.join(assets, f)).size / 1000 }))
  .sort((a, b) => b.size - a.size);
for (const x of files.slice(0, 12)) console.log(`${x.size.toFixed(1).padStart(9)} kB  ${x.f}`);
const main = firstLoad(dist);
const names = main.files.map((f) => path.basename(f)).join(', ');
console.log(`main bundle ${main.kb.toFixed(1)} kB (${names}), budget ${MAIN_BUDGET_KB} kB`);
if (main.kb > MAIN_BUDGET_KB) {
  console.error(`the main bundle (${names}) is over its budget of ${MAIN_BUDGET_KB} kB`);
  process.exit(1);
}
