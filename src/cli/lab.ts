import { ZodError } from 'zod';
import { hilbertCommand } from './hilbertCommand';
import { ntkCommand } from './ntkCommand';
import { olsCommand } from './olsCommand';
import { selfDistillCommand } from './selfDistillCommand';

/** Headless entry: `lab <command> < input.json` prints one JSON object; bad input → one line on stderr, exit 1. */
const commands: Record<string, (input: unknown) => unknown | Promise<unknown>> = {
  ols: olsCommand,
  hilbert: hilbertCommand,
  ntk: ntkCommand,
  'self-distill': selfDistillCommand,
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function fail(message: string): never {
  process.stderr.write(`lab: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}

async function main() {
  const name = process.argv[2];
  const cmd = name ? commands[name] : undefined;
  if (!cmd)
    fail(`usage: lab <${Object.keys(commands).join('|')}> < input.json (got ${name ?? 'no command'})`);
  const text = await readStdin();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    fail(`input is not valid JSON: ${e instanceof Error ? e.message : e}`);
  }
  try {
    process.stdout.write(JSON.stringify(await cmd(input)) + '\n');
  } catch (e) {
    if (e instanceof ZodError) {
      const first = e.issues[0];
      fail(
        `invalid input: ${first.path.join('.') || '(root)'}: ${first.message}${e.issues.length > 1 ? ` (+${e.issues.length - 1} more)` : ''}`,
      );
    }
    fail(e instanceof Error ? e.message : String(e));
  }
}

void main();
