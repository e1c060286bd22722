import { describe, expect, it } from 'vitest';
import { commandsIn } from '../../src/cli/discover';
import { runLab } from '../../src/cli/runLab';
import { fuzzInputs } from '../reliability/cliFuzz';

/**
 * CLI fuzz (issue 12): every `lab` command of every experiment folder — discovered, nothing listed by
 * hand — gets ≥ 200 malformed inputs generated from its schema and example. Each must exit 1 with one
 * line on stderr (no stack trace), or exit 0 with one line of finite JSON, within the stated limit.
 */
const perCommand = 200;
const limitMs = 20_000;
const seed = Number(process.env.LAB_FUZZ_SEED ?? 1);
const opts = { experimentsDir: 'src/experiments', publicDir: 'public', onProgress: () => undefined };
const commands = [...(await commandsIn('src/experiments')).values()];

describe(`lab fuzz (seed ${seed}, ${perCommand} inputs per command)`, () => {
  it.each(commands.map((c) => [c.name, c]))('%s', async (_name, cmd) => {
    const failures: string[] = [];
    let ok = 0;
    let refused = 0;
    let slowest = 0;
    for (const { label, text } of fuzzInputs(cmd, perCommand, seed)) {
      const t0 = performance.now();
      let r: Awaited<ReturnType<typeof runLab>>;
      try {
        r = await runLab([cmd.name], text, opts);
      } catch (e) {
        failures.push(`${label}: threw ${String(e).split('\n')[0]} — input ${text.slice(0, 160)}`);
        continue;
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      const why =
        ms > limitMs
          ? `took ${ms.toFixed(0)} ms`
          : r.code === 0
            ? r.stdout.trim().split('\n').length !== 1 || /NaN|Infinity/.test(r.stdout)
              ? `exit 0 with non-finite or multi-line output: ${r.stdout.slice(0, 120)}`
              : null
            : r.code !== 1
              ? `exit ${r.code}`
              : r.stderr.trim().split('\n').length !== 1 ||
                  !r.stderr.startsWith('lab: ') ||
                  /\n\s+at /.test(r.stderr)
                ? `not one line: ${r.stderr.slice(0, 200)}`
                : null;
      if (why) failures.push(`${label}: ${why} — input ${text.slice(0, 160)}`);
      else if (r.code === 0) ok++;
      else refused++;
    }
    console.log(
      `lab fuzz ${cmd.name}: ${perCommand} inputs, ${refused} refused with one line, ${ok} ran with finite output, ` +
        `failures = ${failures.length}, slowest ${slowest.toFixed(0)} ms`,
    );
    expect(failures).toEqual([]);
    expect(refused + ok).toBeGreaterThanOrEqual(200);
  });
});
