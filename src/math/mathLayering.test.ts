import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A paper's theory lives in its folder (src/experiments/<id>/math); src/math keeps only what two or more
 * experiments use. This reads the import graph of src/ (static and dynamic imports, re-exports, type
 * imports) and, for every module of src/math, the set of experiments whose files reach it — directly, or
 * through shared modules (src/math, src/models, …), but not through another experiment's files. An
 * experiment's own tests count: they are part of its folder.
 */

type Sources = ReadonlyMap<string, string>;

const importRe = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const extensions = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The files of `sources` that `file` imports (relative specifiers only; packages are not in src/). */
function importsOf(file: string, sources: Sources): string[] {
  const out: string[] = [];
  for (const m of sources.get(file)!.matchAll(importRe)) {
    const base = join(dirname(file), m[1].replace(/\?.*$/, ''));
    const hit = extensions.map((x) => base + x).find((p) => sources.has(p));
    if (hit) out.push(hit);
  }
  return out;
}

/** `experiments/<id>/…` → id; undefined for shared files (paths are relative to src/). */
const experimentOf = (file: string) => /^experiments\/([^/]+)\//.exec(file)?.[1];

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

/** For each non-test module under math/: the experiments whose files reach it. */
function experimentsReachingMath(sources: Sources): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  for (const file of sources.keys())
    if (file.startsWith('math/') && !isTest(file)) users.set(file, new Set());
  for (const start of sources.keys()) {
    const id = experimentOf(start);
    if (id === undefined) continue;
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) {
      for (const next of importsOf(queue.pop()!, sources)) {
        if (seen.has(next)) continue;
        seen.add(next);
        users.get(next)?.add(id);
        // Another experiment's files are its own business: do not walk through them.
        const owner = experimentOf(next);
        if (owner === undefined || owner === id) queue.push(next);
      }
    }
  }
  return users;
}

/** Modules of math/ that fewer than two experiments use, with who uses them. */
function singleUseMath(sources: Sources): string[] {
  return [...experimentsReachingMath(sources)]
    .filter(([, ids]) => ids.size < 2)
    .map(([file, ids]) => `${file} (used by ${[...ids].join(', ') || 'no experiment'})`)
    .sort();
}

function readSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name))
        sources.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return sources;
}

const srcRoot = fileURLToPath(new URL('..', import.meta.url));

describe('math layering', () => {
  it('src/math holds only modules that two or more experiments use', () => {
    const sources = readSources(srcRoot);
    const users = experimentsReachingMath(sources);
    // The graph is really read: rng is used by many experiments.
    expect(users.get('math/rng.ts')?.size).toBeGreaterThan(2);
    expect(singleUseMath(sources)).toEqual([]);
  });

  it("an experiment's own math/ is imported by no other experiment (a second user moves it to src/math)", () => {
    const sources = readSources(srcRoot);
    const crossings: string[] = [];
    for (const file of sources.keys()) {
      const id = experimentOf(file);
      for (const target of importsOf(file, sources)) {
        const owner = /^experiments\/([^/]+)\/math\//.exec(target)?.[1];
        if (owner !== undefined && id !== undefined && owner !== id) crossings.push(`${file} → ${target}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('flags a one-experiment module, and counts experiments reaching math through shared modules', () => {
    const sources = new Map([
      ['math/shared.ts', 'export const s = 1;'],
      ['math/single.ts', "import { s } from './shared';\nexport const t = s;"],
      ['math/viaModels.ts', 'export const v = 1;'],
      ['math/unused.ts', 'export const u = 1;'],
      ['math/unused.test.ts', "import { u } from './unused';"],
      ['models/net.ts', "import { v } from '../math/viaModels';"],
      [
        'experiments/a/job.ts',
        "import { t } from '../../math/single';\nimport type { N } from '../../models/net';",
      ],
      [
        'experiments/b/job.ts',
        "export { s } from '../../math/shared';\nconst m = () => import('../../models/net');",
      ],
      ['experiments/c/job.ts', "import '../a/job';"],
    ]);
    expect(singleUseMath(sources)).toEqual([
      'math/single.ts (used by a)',
      'math/unused.ts (used by no experiment)',
    ]);
    expect([...experimentsReachingMath(sources).get('math/shared.ts')!].sort()).toEqual(['a', 'b']);
  });
});
