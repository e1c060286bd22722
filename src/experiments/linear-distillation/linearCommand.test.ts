import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLab } from '../../cli/runLab';
import { linearParamsSchema, defaultParams } from './params';

const fixturePath = 'tests/fixtures/linear-n8-d30.json';
const opts = { experimentsDir: 'src/experiments', publicDir: 'public' };
const lab = (input: string) => runLab(['linear'], input, opts);

describe('lab linear', () => {
  it('matches the fixture to relative 1e-9 (wHat and angle in radians)', async () => {
    const fx = JSON.parse(readFileSync(fixturePath, 'utf8'));
    const r = await lab(readFileSync(fixturePath, 'utf8'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.wHat).toHaveLength(30);
    out.wHat.forEach((v: number, j: number) =>
      expect(Math.abs(v - fx.expected.wHat[j]) / Math.abs(fx.expected.wHat[j])).toBeLessThan(1e-9),
    );
    expect(Math.abs(out.angle - fx.expected.angle) / fx.expected.angle).toBeLessThan(1e-9);
  });

  it('for n ≥ d returns wStar itself and angle 0', async () => {
    const r = await lab(
      JSON.stringify({
        X: [
          [1, 0],
          [1, 1],
          [0, 2],
        ],
        wStar: [0.25, -3],
      }),
    );
    const out = JSON.parse(r.stdout);
    expect(out.wHat).toEqual([0.25, -3]);
    expect(out.angle).toBe(0);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a zero w*', { X: [[1, 2]], wStar: [0, 0] }, /wStar must not be the zero vector/],
    ['a non-finite w*', { X: [[1, 2]], wStar: [1, 'Infinity'] }, /invalid input: wStar\.1/],
    ['mismatched lengths', { X: [[1, 2, 3]], wStar: [1, 2] }, /wStar has 2 entries but the points have 3/],
    ['ragged rows', { X: [[1, 2], [3]], wStar: [1, 2] }, /row 1 has 1 entries, expected 2/],
    ['no points', { X: [], wStar: [1] }, /at least one row/],
    ['all points zero', { X: [[0, 0]], wStar: [1, 0] }, /every point of X is zero/],
    ['a typo', { X: [[1]], wstar: [1] }, /unknown key "wstar" \(did you mean "wStar"\?\)/],
  ];
  it.each(bad)('rejects %s with one line on stderr and exit 1', async (_name, input, pattern) => {
    const r = await lab(JSON.stringify(input));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the controls’ schema (the same for URL, presets and the job)', () => {
  const issue = (patch: Record<string, unknown>) => {
    const r = linearParamsSchema.safeParse({ ...defaultParams, ...patch });
    return r.success ? null : r.error.issues[0].message;
  };
  it('gives one clear message per bad value, never a NaN downstream', () => {
    expect(issue({ kappa: 0 })).toMatch(/κ must be > 0/);
    expect(issue({ kappa: -1 })).toMatch(/κ must be > 0/);
    expect(issue({ kappa: NaN })).toMatch(/must be finite|must be a number/);
    expect(issue({ d: 1 })).toMatch(/>=\s*2|≥ 2|too small/i);
    expect(issue({ n: 2.5 })).toMatch(/integer/);
    expect(issue({ init: 0 })).toMatch(/initial norm must be > 0/);
    expect(issue({ delta: 1e9 })).toMatch(/δ must be ≤ 100/);
    expect(issue({ fmPair: 'cats-dogs' })).not.toBeNull();
    expect(issue({})).toBeNull();
  });
});
