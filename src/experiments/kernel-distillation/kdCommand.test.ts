import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLab } from '../../cli/runLab';

const fixtureText = readFileSync('tests/fixtures/kd-tanh-n8.json', 'utf8');
const fx = JSON.parse(fixtureText);
const opts = { experimentsDir: 'src/experiments', publicDir: 'public' };
const lab = (input: unknown) => runLab(['kd'], JSON.stringify(input), opts);

describe('lab kd', () => {
  it('matches the fixture: fInf to relative 1e-9, all n·m poles to 1e-9 × the largest', async () => {
    const r = await runLab(['kd'], fixtureText, opts);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const fInf: number[] = fx.expected.fInf;
    expect(out.fInf).toHaveLength(fInf.length);
    out.fInf.forEach((v: number, i: number) =>
      expect(Math.abs(v - fInf[i]) / Math.abs(fInf[i])).toBeLessThan(1e-9),
    );
    const poles: number[] = fx.expected.poles;
    expect(out.poles).toHaveLength(fx.X.length * fx.W.length);
    const top = Math.max(...poles);
    out.poles.forEach((p: number, j: number) => expect(Math.abs(p - poles[j])).toBeLessThan(1e-9 * top));
    for (let j = 1; j < out.poles.length; j++) expect(out.poles[j]).toBeLessThanOrEqual(out.poles[j - 1]);
    expect(out.theorem1Applies).toBe(true);
  });

  it('λ = 0 gives f_∞ = y and the poles of H = Σ a_k²/m H_k plus n(m−1) zeros', async () => {
    const out = JSON.parse((await lab({ ...fx, lam: 0 })).stdout);
    out.fInf.forEach((v: number, i: number) => expect(v).toBeCloseTo(fx.y[i], 12));
    expect(out.zeroPoles).toBe(fx.X.length * (fx.W.length - 1));
  });

  it('n > d: rank H_k ≤ d, so poles vanish and Theorem 1 is flagged', async () => {
    const X = [...fx.X, ...fx.X].map((r: number[]) => r.slice(0, 5));
    const out = JSON.parse(
      (await lab({ ...fx, X, y: [...fx.y, ...fx.y], W: fx.W.map((r: number[]) => r.slice(0, 5)) })).stdout,
    );
    expect(out.theorem1Applies).toBe(false);
    expect(out.zeroPoles).toBeGreaterThanOrEqual(4 * (16 - 5));
  });

  it.each([
    ['λ < 0', { lam: -0.1 }, /λ \(lam\) must be ≥ 0/],
    ['mismatched widths (a vs W)', { a: [1, -1, 1] }, /a has 3 entries but W has 4 rows/],
    [
      'W of another dimension',
      { W: fx.W.map((r: number[]) => r.slice(1)) },
      /row 0 of W has 11 entries, but X has d = 12/,
    ],
    ['y of another length', { y: fx.y.slice(1) }, /y has 7 entries but X has 8 rows/],
    ['a non-finite entry', { X: [[...fx.X[0].slice(0, 11), 'NaN'], ...fx.X.slice(1)] }, /X/],
    ['an unknown activation', { activation: 'gelu' }, /activation must be "tanh" or "relu"/],
  ])('rejects %s with one clear line', async (_, patch, msg) => {
    const r = await lab({ ...fx, ...patch });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });

  it('rejects an infinite entry (JSON 1e999) by name', async () => {
    const r = await runLab(['kd'], fixtureText.replace('"lam": 0.01', '"lam": 1e999'), opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lam: must be a number/);
  });

  it('refuses n·m over 2000 with the limit named, before any eigensolve', async () => {
    const d = 3;
    const X = Array.from({ length: 101 }, (_, i) => [Math.cos(i), Math.sin(i), 0]);
    const W = Array.from({ length: 20 }, (_, k) => Array.from({ length: d }, (_, j) => 0.01 * (k - j)));
    const t0 = performance.now();
    const r = await lab({ X, y: X.map(() => 1), W, a: W.map(() => 1), lam: 0.01, activation: 'tanh' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/n·m = 101·20 = 2020 exceeds the limit of 2000/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
