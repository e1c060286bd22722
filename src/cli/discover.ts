import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectCommands, collectExperiments } from '../experiments/registry';
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

/** The `lab` commands of the experiment folders: each folder's `commands.ts`, when it has one. */
export async function commandsIn(dir: string) {
  const modules: Record<string, unknown> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name, 'commands.ts');
    if (entry.isDirectory() && existsSync(file))
      modules[`./${entry.name}/commands.ts`] = await import(pathToFileURL(file).href);
  }
  return collectCommands(modules);
}
