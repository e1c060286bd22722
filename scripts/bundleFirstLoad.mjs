/**
 * The page's first-load JavaScript: the entry chunk and every chunk it imports statically, read from
 * Vite's manifest (dist/.vite/manifest.json). Shared by the CI budget check and `npm run bench`.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const MAIN_BUDGET_KB = 450;

export function readManifest(dist) {
  return JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
}

/** Manifest keys reachable from `keys` by static imports. */
export function staticClosure(manifest, keys) {
  const seen = new Set();
  const visit = (k) => {
    if (seen.has(k) || !manifest[k]) return;
    seen.add(k);
    (manifest[k].imports ?? []).forEach(visit);
  };
  keys.forEach(visit);
  return seen;
}

export function firstLoad(dist) {
  const manifest = readManifest(dist);
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error(`no entry chunk in ${dist}/.vite/manifest.json`);
  const keys = staticClosure(manifest, [entry]);
  const files = [...keys].map((k) => manifest[k].file);
  const kb = files.reduce((s, f) => s + statSync(path.join(dist, f)).size / 1000, 0);
  return { keys, files, kb };
}
