import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLab } from './runLab';

const fixturePath = 'tests/fixtures/ols-paper-20I-s0.25.json';
/** The CLI in-process: the same code path as `lab <cmd> < input`, without a tsx spawn per case. */
const opts = { experimentsDir: 'src/experiments', publicDir: 'public' };
const lab = async (cmd: string, input: string) => {
  const r = await runLab([cmd], input, opts);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};

describe('lab ols CLI', () => {
  it('matches the fixture to relative 1e-9', async () => {
    const fx = JSON.parse(readFileSync(fixturePath, 'utf8'));
    const r = await lab('ols', readFileSync(fixturePath, 'utf8'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
    for (const key of Object.keys(fx.expected)) {
      const a = flat(out[key]);
      const b = flat(fx.expected[key]);
      expect(a.length).toBe(b.length);
      a.forEach((x, i) => expect(Math.abs(x - b[i]) / Math.abs(b[i])).toBeLessThan(1e-9));
    }
  });

  const bad: [string, string, RegExp][] = [
    ['wrong row length', '{"X":[[1,2],[3]],"y":[1,2],"eta":0.1,"batch":1}', /row 1 has 1 entries/],
    ['y length', '{"X":[[1,2],[3,4],[5,7]],"y":[1,2],"eta":0.1,"batch":1}', /y has 2 entries/],
    ['B > N', '{"X":[[1,2],[3,4]],"y":[1,2],"eta":0.1,"batch":3}', /exceeds N = 2/],
    ['non-finite', '{"X":[[1,2],[3,4]],"y":[1,"NaN"],"eta":0.1,"batch":1}', /invalid input: y\.1/],
    ['not JSON', 'nope', /not valid JSON/],
    ['negative eta', '{"X":[[1,2],[3,4]],"y":[1,2],"eta":-1,"batch":1}', /eta must be > 0/],
    ['rank deficient', '{"X":[[1,2],[2,4],[3,6]],"y":[1,2,3],"eta":0.1,"batch":1}', /rank deficient/],
  ];
  it.each(bad)('rejects %s with one line and a non-zero exit', async (_name, input, pattern) => {
    const r = await lab('ols', input);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('rejects an unknown command', async () => {
    const r = await lab('nope', '{}');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/usage: lab/);
  });
});

describe('lab hilbert CLI', () => {
  const fixturePath = 'tests/fixtures/hilbert-mobahi-eps0.04.json';
  it('matches the fixture (c, eigenvalues, B: relative 1e-8)', async () => {
    const fx = JSON.parse(readFileSync(fixturePath, 'utf8'));
    const r = await lab('hilbert', readFileSync(fixturePath, 'utf8'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const tol: Record<string, number> = {
      eigenvalues: 1e-8,
      c: 1e-8,
      B: 1e-8,
      predictions: 1e-8,
      meanSquaredNorm: 1e-8,
      roundsBeforeCollapse: 0,
    };
    const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
    for (const key of Object.keys(fx.expected)) {
      const a = flat(out[key]);
      const b = flat(fx.expected[key]);
      expect(a.length).toBe(b.length);
      a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(tol[key] * Math.abs(b[i])));
    }
  });
  it('infeasible input exits non-zero with "infeasible" and the residual', async () => {
    const r = await lab('hilbert', JSON.stringify({ x: [0, 0.5, 1], y: [1, 0, 1], epsilon: 0.01 }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/infeasible.*0\.6667/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it.each([
    ['x outside [0,1]', '{"x":[0.5,2],"y":[1,2],"epsilon":0.1}', /x must lie in \[0, 1\]/],
    ['length mismatch', '{"x":[0.2,0.5],"y":[1],"epsilon":0.1}', /y has 1 entries/],
    ['repeated x', '{"x":[0.2,0.2],"y":[1,2],"epsilon":0.1}', /distinct/],
    ['bad epsilon', '{"x":[0.2,0.5],"y":[1,2],"epsilon":-1}', /epsilon must be > 0/],
  ])('rejects %s', async (_n, input, pattern) => {
    const r = await lab('hilbert', input);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(pattern);
  });
});

describe('lab ntk CLI', () => {
  const fixturePath = 'tests/fixtures/ntk-relu-clusters-n64.json';
  it('matches the fixture (top 10 eigenvalues 1e-8 relative, ratios 1e-9 absolute)', async () => {
    const fx = JSON.parse(readFileSync(fixturePath, 'utf8'));
    const r = await lab('ntk', readFileSync(fixturePath, 'utf8'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    for (let i = 0; i < 10; i++)
      expect(Math.abs(out.eigenvalues[i] / fx.expected.eigenvalues[i] - 1)).toBeLessThan(1e-8);
    expect(out.eigenvalues).toHaveLength(fx.expected.eigenvalues.length);
    expect(Math.abs(out.topKRatio - fx.expected.topKRatio)).toBeLessThan(1e-9);
    expect(Math.abs(out.topKRatioClean - fx.expected.topKRatioClean)).toBeLessThan(1e-9);
  });
  it.each([
    ['non-unit rows', '{"X":[[1,1],[0,1]],"y":[1,-1],"topK":1}', /unit-norm inputs/],
    ['topK > n', '{"X":[[1,0],[0,1]],"y":[1,-1],"topK":3}', /topK 3 exceeds n = 2/],
    ['ragged X', '{"X":[[1,0],[1]],"y":[1,-1],"topK":1}', /row 1 has 1 entries/],
    ['zero labels', '{"X":[[1,0],[0,1]],"y":[0,0],"topK":1}', /all zeros/],
  ])('rejects %s', async (_n, input, pattern) => {
    const r = await lab('ntk', input);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('lab entry point', () => {
  it('runs as a subprocess: one JSON line on stdout, exit 0 (smoke test of the real binary)', () => {
    const input = readFileSync('tests/fixtures/ols-paper-20I-s0.25.json', 'utf8');
    const r = spawnSync('node_modules/.bin/tsx', ['src/cli/lab.ts', 'ols'], { input, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(JSON.parse(r.stdout))).toContain('stationaryCov');
  });

  it('--help lists every command with its input keys, from the schemas', async () => {
    const r = await runLab(['--help'], '', opts);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const inputOf = (name: string) => {
      const i = lines.findIndex((l) => l.trimStart().startsWith(name + ' '));
      expect(i, `command ${name} listed`).toBeGreaterThan(-1);
      return lines[i + 1];
    };
    expect(inputOf('ols')).toBe(
      '                 input: X: number[][], y: number[], eta: number, batch: integer',
    );
    expect(inputOf('hilbert')).toMatch(
      /x: number\[\], y: number\[\], epsilon: number, rounds\?: integer, alpha\?: number$/,
    );
    expect(inputOf('ntk')).toMatch(/X: number\[\]\[\], y: number\[\], yClean\?: number\[\], topK: integer$/);
    expect(inputOf('self-distill')).toMatch(
      /data: 'clusters'\|'fashion', n: integer, .*alphaRule: 'paper'\|'chance'\|'linear'/,
    );
  });
});

describe('lab refuses what it cannot compute, in one line', () => {
  const one = (r: { code: number; stdout: string; stderr: string }) => {
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    return r.stderr;
  };
  it('η = 1e308 overflows the SGD operator: a message, not a hang', async () => {
    const input = '{"X":[[1,0],[0,1]],"y":[1,2],"eta":1e308,"batch":1}';
    expect(one(await runLab(['ols'], input, opts))).toMatch(/overflows float64/);
  });
  it('subnormal X gives NaN in float64: refused, not printed as null', async () => {
    const input = '{"X":[[1e-320,0],[0,1e-320]],"y":[1,2],"eta":0.1,"batch":1}';
    expect(one(await runLab(['ols'], input, opts))).toMatch(
      /result is not finite \(result\.betaHat\.0 = NaN\)/,
    );
  });
  it('labels of 1e308 overflow the Hilbert fits: refused', async () => {
    const input = '{"x":[0.2,0.5,0.7],"y":[1e308,-1e308,1e308],"epsilon":0.1}';
    expect(one(await runLab(['hilbert'], input, opts))).toMatch(/result is not finite/);
  });
  it('d above the documented limit is refused naming the limit', async () => {
    const X = Array.from({ length: 80 }, (_, i) =>
      Array.from({ length: 40 }, (_, j) => Math.sin(i * 40 + j)),
    );
    const input = JSON.stringify({ X, y: X.map((r) => r[0]), eta: 0.01, batch: 2 });
    expect(one(await runLab(['ols'], input, opts))).toMatch(/d = 40 columns exceeds the limit of 32/);
  });
  it('a misspelt key is refused naming the nearest valid key', async () => {
    expect(one(await runLab(['self-distill'], '{"widht": 64}', opts))).toMatch(
      /unknown key "widht" \(did you mean "width"\?\)/,
    );
  });
  it('fixture metadata keys (name, expected) are accepted', async () => {
    const r = await runLab(
      ['ols'],
      '{"name":"x","expected":{},"X":[[1,0],[0,1]],"y":[1,2],"eta":0.1,"batch":1}',
      opts,
    );
    expect(r.code).toBe(0);
  });
});

describe('regressions found by the CLI fuzz', () => {
  it.each([
    ['ols', '{"X":[],"y":[],"eta":0.1,"batch":1}', /invalid input: X: /],
    ['ntk', '{"X":[],"y":[],"topK":1}', /invalid input: X: /],
  ])('%s %s: one line, no TypeError from a cross-field check', async (cmd, input, pattern) => {
    const r = await runLab([cmd], input, opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/TypeError|Cannot read/);
  });
});

describe('long commands on the CLI: wasm, progress, the time budget', () => {
  const small = JSON.stringify({
    n: 64,
    d: 8,
    clusters: 2,
    width: 128,
    iterations: 600,
    nTest: 64,
    spectrumM: 2,
    topK: 1,
  });
  it('self-distill runs on wasm with progress lines, and refuses a run over the budget with a setting that fits', async () => {
    const lines: string[] = [];
    const r = await runLab(['self-distill'], small, {
      ...opts,
      onProgress: (l) => lines.push(l),
      budgetSeconds: 0.2,
    });
    expect(r.code).toBe(1);
    const msg = r.stderr.trim();
    const est =
      /refused: about (\d+) s on wasm here, over the 0\.2 s budget; \{"iterations": (\d+)\} fits it/.exec(
        msg,
      );
    expect(est, msg).not.toBeNull();
    expect(Number(est![2])).toBeLessThan(600);
    expect(lines.some((l) => /^estimated \d+ s in all on wasm \(600 iterations/.test(l))).toBe(true);
  }, 60_000);
  it('the iterations it names fit the budget: that run finishes and says its backend', async () => {
    const r = await runLab(['self-distill'], JSON.stringify({ ...JSON.parse(small), iterations: 40 }), {
      ...opts,
      onProgress: () => undefined,
      budgetSeconds: 60,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).backend).toBe('wasm');
  }, 60_000);
});
