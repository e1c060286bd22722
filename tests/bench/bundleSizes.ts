/**
 * The built page's sizes, attributed with Vite's manifest (dist/.vite/manifest.json): the main bundle
 * (what the first load must fetch and run), each experiment's own chunks (its panel and what only it
 * imports), the worker, tfjs's wasm binaries and KaTeX's fonts.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { firstLoad, MAIN_BUDGET_KB, readManifest, staticClosure } from '../../scripts/bundleFirstLoad.mjs';

export { MAIN_BUDGET_KB };

export interface BundleSizes {
  mainKb: number;
  mainCssKb: number;
  /** experiment id → kB of the chunks only it loads (its panel and their own imports) */
  experiments: Record<string, number>;
  /** chunks more than one experiment's panel loads (the chart kit, KaTeX's JS), loaded with the first panel */
  sharedKb: number;
  workerKb: number;
  workerChunksKb: number;
  wasmKb: Record<string, number>;
  katexFontsWoff2Kb: number;
}

export function bundleSizes(dist = process.env.LAB_DIST ?? 'dist'): BundleSizes {
  const manifestPath = path.join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`${manifestPath} is missing: build with vite (build.manifest)`);
  const m = readManifest(dist);
  const kb = (file: string) => statSync(path.join(dist, file)).size / 1000;
  const closure = (keys: string[]) => staticClosure(m, keys);
  const first = firstLoad(dist);
  const main = first.keys;
  const mainKb = first.kb;
  const mainCssKb = [...main].flatMap((k) => m[k].css ?? []).reduce((s, f) => s + kb(f), 0);
  const perExperiment = new Map<string, Set<string>>();
  for (const k of Object.keys(m)) {
    // the page loads an experiment's Panel chunk; its jobs and CLI commands are the worker's and Node's
    const id = /^src\/experiments\/([^/]+)\/Panel\.tsx$/.exec(k)?.[1];
    if (!id || !m[k].isDynamicEntry) continue;
    const own = perExperiment.get(id) ?? new Set<string>();
    closure([k]).forEach((c) => !main.has(c) && own.add(c));
    perExperiment.set(id, own);
  }
  const count = new Map<string, number>();
  for (const set of perExperiment.values()) set.forEach((c) => count.set(c, (count.get(c) ?? 0) + 1));
  const experiments: Record<string, number> = {};
  for (const [id, set] of perExperiment)
    experiments[id] = [...set].filter((c) => count.get(c) === 1).reduce((s, c) => s + kb(m[c].file), 0);
  const sharedKb = [...count].filter(([, n]) => n > 1).reduce((s, [c]) => s + kb(m[c].file), 0);
  const inManifest = new Set(Object.values(m).map((c) => c.file));
  const assets = readdirSync(path.join(dist, 'assets'));
  const workerFile = assets.find((f) => /^worker-.*\.js$/.test(f));
  const workerChunksKb = assets
    .filter((f) => f.endsWith('.js') && f !== workerFile && !inManifest.has(`assets/${f}`))
    .reduce((s, f) => s + kb(`assets/${f}`), 0);
  const wasmKb: Record<string, number> = {};
  for (const f of assets.filter((f) => f.endsWith('.wasm')))
    wasmKb[f.replace(/-[\w-]{8}\.wasm$/, '.wasm')] = kb(`assets/${f}`);
  return {
    mainKb,
    mainCssKb,
    experiments,
    sharedKb,
    workerKb: workerFile ? kb(`assets/${workerFile}`) : 0,
    workerChunksKb,
    wasmKb,
    katexFontsWoff2Kb: assets
      .filter((f) => /^KaTeX_.*\.woff2$/.test(f))
      .reduce((s, f) => s + kb(`assets/${f}`), 0),
  };
}
