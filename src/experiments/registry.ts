import type { JobRegistry } from '../engine/job';
import { controlProblems } from './controls';
import type { AnyCommand, AnyExperiment, AnyJob } from './types';

/**
 * Registries built from the experiment folders themselves (the output of `import.meta.glob` in the
 * browser, of a directory scan in the CLI): nothing lists experiments by hand. These checks turn a
 * mistake in a new folder into a clear error at start-up instead of a confusing one later.
 */

/** A figure id: lowercase kebab-case (`risk-vs-n`, `fig2-test-loss`). */
export const figureIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const folderOf = (path: string): string => {
  const parts = path.split('/');
  return parts[parts.length - 2] ?? path;
};

/** `{ './<folder>/index.ts': { default: def } }` → the experiments, in picker order. */
export function collectExperiments(modules: Record<string, unknown>): AnyExperiment[] {
  const out: AnyExperiment[] = [];
  for (const [path, mod] of Object.entries(modules)) {
    const def = (mod as { default?: AnyExperiment }).default;
    const folder = folderOf(path);
    if (!def || typeof def !== 'object' || typeof def.id !== 'string')
      throw new Error(`${path}: an experiment folder's index.ts must default-export defineExperiment(...)`);
    if (def.id !== folder)
      throw new Error(`${path}: experiment id "${def.id}" must equal its folder "${folder}"`);
    const keys = Object.keys(def.defaults);
    for (const c of def.controls)
      if (!keys.includes(c.key)) throw new Error(`${def.id}: control "${c.key}" is not a parameter`);
    const problems = controlProblems(def.schema, def.controls);
    if (problems.length) throw new Error(`${def.id}: ${problems.join('; ')}`);
    const figureIds = (def.figures ?? []).map((f) => f.id);
    for (const id of figureIds)
      if (!figureIdPattern.test(id))
        throw new Error(`${def.id}: figure id "${id}" is not lowercase kebab-case`);
    if (new Set(figureIds).size !== figureIds.length)
      throw new Error(`${def.id}: duplicate figure ids in ${figureIds.join(', ')}`);
    for (const k of def.uiKeys ?? [])
      if (!keys.includes(k)) throw new Error(`${def.id}: uiKey "${k}" is not a parameter`);
    const ok = def.schema.safeParse(def.defaults);
    if (!ok.success) throw new Error(`${def.id}: its defaults do not satisfy its schema`);
    const problems2 = tourProblems(def);
    if (problems2.length) throw new Error(`${def.id}: ${problems2.join('; ')}`);
    const problems3 = claimProblems(def);
    if (problems3.length) throw new Error(`${def.id}: ${problems3.join('; ')}`);
    out.push(def);
  }
  const ids = out.map((e) => e.id);
  if (new Set(ids).size !== ids.length) throw new Error(`duplicate experiment ids: ${ids.join(', ')}`);
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** What is wrong with an experiment's tour: unknown figures, presets or keys, params the schema refuses. */
export function tourProblems(def: AnyExperiment): string[] {
  const out: string[] = [];
  const figures = new Set(def.figures.map((f) => f.id));
  const keys = Object.keys(def.defaults);
  (def.tour ?? []).forEach((step, i) => {
    const at = `tour step ${i + 1}`;
    if (!figures.has(step.figure)) out.push(`${at}: figure "${step.figure}" is not one of its figures`);
    const preset = step.preset === undefined ? undefined : def.presets.find((p) => p.id === step.preset);
    if (step.preset !== undefined && !preset) out.push(`${at}: preset "${step.preset}" does not exist`);
    for (const k of Object.keys(step.params ?? {}))
      if (!keys.includes(k)) out.push(`${at}: "${k}" is not a parameter`);
    const r = def.schema.safeParse({ ...def.defaults, ...(preset?.params ?? {}), ...(step.params ?? {}) });
    if (!r.success) out.push(`${at}: its params do not satisfy the schema (${r.error.issues[0]?.message})`);
    if (!step.title.trim() || !step.text.trim()) out.push(`${at}: needs a title and a text`);
    if (step.schematic && !def.Schematic) out.push(`${at}: shows a schematic, but the experiment has none`);
  });
  return out;
}

/** What is wrong with an experiment's claim line: an unknown figure or preset, an empty text. */
export function claimProblems(def: AnyExperiment): string[] {
  const c = def.claim;
  if (!c) return [];
  const out: string[] = [];
  if (!def.figures.some((f) => f.id === c.figure))
    out.push(`claim: figure "${c.figure}" is not one of its figures`);
  if (c.presetHint && !def.presets.some((p) => p.id === c.presetHint?.preset))
    out.push(`claim: preset "${c.presetHint.preset}" does not exist`);
  for (const k of ['tex', 'text', 'source'] as const) if (!c[k].trim()) out.push(`claim: needs a ${k}`);
  // linked terms: each one marked in the TeX has its colour, and each colour its mark
  const marked = new Set([...c.tex.matchAll(/\\htmlData\{term=([^}]+)\}/g)].map((m) => m[1]));
  const listed = new Set(Object.keys(c.terms ?? {}));
  for (const t of marked)
    if (!listed.has(t)) out.push(`claim: term "${t}" is marked in tex but not in terms`);
  for (const t of listed)
    if (!marked.has(t)) out.push(`claim: term "${t}" has no \\htmlData{term=${t}} in tex`);
  return out;
}

/**
 * `{ './<folder>/jobs.ts': { jobs: [...] } }` → job id → job. A job's id must be its folder's id or
 * start with `<folder>/`, so two papers can never claim the same id.
 */
export function collectJobs(modules: Record<string, unknown>): JobRegistry {
  const registry = new Map<string, AnyJob>();
  for (const [path, mod] of Object.entries(modules)) {
    const jobs = (mod as { jobs?: readonly AnyJob[] }).jobs;
    const folder = folderOf(path);
    if (!Array.isArray(jobs))
      throw new Error(`${path}: jobs.ts must export \`jobs\`, an array of defineJob(...)`);
    for (const j of jobs) {
      if (j.id !== folder && !j.id.startsWith(`${folder}/`))
        throw new Error(`${path}: job id "${j.id}" must be "${folder}" or start with "${folder}/"`);
      if (registry.has(j.id)) throw new Error(`duplicate job id "${j.id}"`);
      registry.set(j.id, j);
    }
  }
  return registry;
}

/**
 * `{ './<folder>/commands.ts': { commands: [...] } }` → command name → command: the CLI's registry,
 * found like the jobs (the page's definitions do not carry the commands, so their schemas stay out of
 * the page's first load).
 */
export function collectCommands(modules: Record<string, unknown>) {
  const table = new Map<string, AnyCommand>();
  for (const [path, mod] of Object.entries(modules)) {
    const commands = (mod as { commands?: readonly AnyCommand[] }).commands;
    if (!Array.isArray(commands))
      throw new Error(`${path}: commands.ts must export \`commands\`, an array of defineCommand(...)`);
    for (const c of commands) {
      if (table.has(c.name)) throw new Error(`duplicate lab command "${c.name}"`);
      table.set(c.name, c);
    }
  }
  return table;
}
