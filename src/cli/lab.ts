import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLab } from './runLab';

/** Headless entry: `lab <command> < input.json` prints one JSON object; bad input → one line on stderr, exit 1. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * stdout carries one JSON object and stderr one line per message: library banners (tfjs's "running in
 * Node.js" notice, backend registration notes) are dropped. LAB_VERBOSE=1 keeps them, on stderr.
 */
function silenceLibraryLogs() {
  const keep = process.env.LAB_VERBOSE === '1';
  const toStderr = (...a: unknown[]) => {
    if (keep) process.stderr.write(a.map(String).join(' ') + '\n');
  };
  console.log = console.info = console.warn = console.debug = toStderr;
}

/** LAB_MAX_SECONDS: how long a long command may run before it refuses with its estimate (default 60). */
function budgetSeconds(): number {
  const v = Number(process.env.LAB_MAX_SECONDS ?? 60);
  return Number.isFinite(v) && v > 0 ? v : 60;
}

async function main() {
  silenceLibraryLogs();
  // A reader that closes early (`lab … | head`) is not an error of ours.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const args = process.argv.slice(2);
  const help = args[0] === '--help' || args[0] === '-h' || args[0] === 'help';
  const r = await runLab(args, help ? '' : await readStdin(), {
    experimentsDir: path.join(root, 'src/experiments'),
    publicDir: path.join(root, 'public'),
    onProgress: (line) => process.stderr.write(`lab: ${line}\n`),
    budgetSeconds: budgetSeconds(),
  });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}

void main();
