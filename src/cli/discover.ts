import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectExperiments } from '../experiments/registry';
import type { AnyExperiment } from '../experiments/types';

/**
 * The CLI's view of the experiment folders: the same `<folder>/index.ts` files the app globs, found by
 * a directory scan because Node has no `import.meta.glob`.
 */
export async function experimentsIn(dir: string): Promise<AnyExperiment[]> {
  const modules: Record<string, unknown> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const index = path.join(dir, entry.name, 'index.ts');
    if (entry.isDirectory() && existsSync(index))
      modules[`./${entry.name}/index.ts`] = await import(pathToFileURL(index).href);
  }
  return collectExperiments(modules);
}
