import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZodError, type ZodType } from 'zod';
import type { CommandDef, CommandEnv } from '../experiments/types';
import { describeZodError } from '../schema/describeError';
import { cpuBackend } from './cpuBackend';
import { commandsIn } from './discover';
import { schemaKeys } from '../schema/schemaKeys';

export interface LabResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface LabOptions {
  /** folder of experiment folders (default: src/experiments of this checkout) */
  experimentsDir: string;
  /** the site's public/ folder, for data files */
  publicDir: string;
  /** progress lines of long runs (default: collected into stderr) */
  onProgress?: (line: string) => void;
  /** seconds a long command may take before it refuses (default 60) */
  budgetSeconds?: number;
}

/** Help text: every command with its input keys, generated from the same schemas that validate input. */
function helpText(commands: Map<string, CommandDef>): string {
  const lines = ['usage: lab <command> < input.json   (prints one JSON object)', '', 'commands:'];
  for (const [name, c] of commands) {
    lines.push(`  ${name.padEnd(14)} ${c.summary}`);
    const keys = schemaKeys(c.schema);
    lines.push(
      `  ${''.padEnd(14)} input: ${keys.map((k) => `${k.key}${k.optional ? '?' : ''}: ${k.type}`).join(', ') || '(any JSON)'}`,
    );
    if (c.example !== undefined) lines.push(`  ${''.padEnd(14)} e.g.   ${JSON.stringify(c.example)}`);
  }
  return lines.join('\n') + '\n';
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Keys a fixture file carries beside the input (`name`, `expected`): accepted and ignored. */
const fixtureKeys = new Set(['name', 'expected']);

/** A message naming the first key the command does not know, and the nearest one it does. */
function unknownKeys(raw: unknown, schema: ZodType): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const known = schemaKeys(schema).map((k) => k.key);
  if (known.length === 0) return null;
  const extra = Object.keys(raw).filter((k) => !known.includes(k) && !fixtureKeys.has(k));
  if (extra.length === 0) return null;
  const near = nearest(extra[0], known);
  return `invalid input: unknown key "${extra[0]}"${near ? ` (did you mean "${near}"?)` : ''}${extra.length > 1 ? ` (+${extra.length - 1} more)` : ''}; known keys: ${known.join(', ')}`;
}

/** The known key within edit distance 2 (or a third of its length) of `key`, if any. */
function nearest(key: string, known: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The path and value of the first NaN or ±Infinity in a result, or null when every number is finite. */
function firstNonFinite(v: unknown, path = 'result'): { path: string; value: number } | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : { path, value: v };
  if (v === null || typeof v !== 'object') return null;
  const entries: [string, unknown][] = ArrayBuffer.isView(v)
    ? Array.from(v as unknown as ArrayLike<number>, (x, i) => [String(i), x])
    : Object.entries(v);
  for (const [k, x] of entries) {
    const bad = firstNonFinite(x, `${path}.${k}`);
    if (bad) return bad;
  }
  return null;
}

/**
 * `lab <command>` in-process: parse the JSON input, validate it with the command's schema, run, print.
 * Every failure is one line on stderr and a non-zero code; the tests call this directly.
 */
export async function runLab(args: string[], input: string, opts: LabOptions): Promise<LabResult> {
  const err = (message: string, code = 1): LabResult => ({
    code,
    stdout: '',
    stderr: `lab: ${oneLine(message)}\n`,
  });
  let commands: Map<string, CommandDef>;
  try {
    commands = await commandsIn(opts.experimentsDir);
  } catch (e) {
    return err(`cannot load the experiments: ${e instanceof Error ? e.message : String(e)}`, 2);
  }
  const name = args[0];
  if (name === '--help' || name === '-h' || name === 'help')
    return { code: 0, stdout: helpText(commands), stderr: '' };
  const cmd = name ? commands.get(name) : undefined;
  if (!cmd)
    return err(
      `usage: lab <${[...commands.keys()].join('|')}> < input.json (got ${name ?? 'no command'}; lab --help lists inputs)`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(input);
  } catch (e) {
    return err(`input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const unknown = unknownKeys(raw, cmd.schema);
  if (unknown) return err(unknown);
  let parsed: ReturnType<typeof cmd.schema.safeParse>;
  try {
    parsed = cmd.schema.safeParse(raw);
  } catch (e) {
    // A cross-field check that assumed a well-formed field: still one line, never a stack.
    return err(`invalid input: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!parsed.success) return err(`invalid input: ${describeZodError(parsed.error, 1)}`);
  const progress: string[] = [];
  const env: CommandEnv = {
    readPublicFile: async (rel) => {
      const b = await readFile(path.join(opts.publicDir, rel));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
    progress: (line) => (opts.onProgress ? opts.onProgress(oneLine(line)) : progress.push(oneLine(line))),
    cpuBackend,
    budgetSeconds: opts.budgetSeconds ?? 60,
  };
  try {
    const run = await cmd.load();
    const out = await run(parsed.data, env);
    // JSON would print NaN and ±Infinity as null: a wrong answer that looks like a success.
    const bad = firstNonFinite(out);
    if (bad)
      return err(
        `the result is not finite (${bad.path} = ${bad.value}): the input is outside the range this command can compute in float64`,
      );
    return { code: 0, stdout: JSON.stringify(out) + '\n', stderr: progress.map((l) => l + '\n').join('') };
  } catch (e) {
    if (e instanceof ZodError) return err(`invalid input: ${describeZodError(e, 1)}`);
    return err(e instanceof Error ? e.message : String(e));
  }
}
