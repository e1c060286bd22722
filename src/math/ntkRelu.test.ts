import { describe, expect, it } from 'vitest';
import fixture from '../../tests/fixtures/ntk-relu-clusters-n64.json';
import { normalizeRows, reluNtk, symmetricEigen, topKRatio } from './ntkRelu';

describe('infinite-width ReLU NTK against the float64 fixture', () => {
  const { values, vectors } = symmetricEigen(reluNtk(fixture.X));
  it('top 10 eigenvalues to relative 1e-8', () => {
    for (let i = 0; i < 10; i++)
      expect(
        Math.abs(values[i] - fixture.expected.eigenvalues[i]) / fixture.expected.eigenvalues[i],
      ).toBeLessThan(1e-8);
  });
  it('top-k ratios to absolute 1e-9', () => {
    expect(Math.abs(topKRatio(fixture.y, vectors, fixture.topK) - fixture.expected.topKRatio)).toBeLessThan(
      1e-9,
    );
    expect(
      Math.abs(topKRatio(fixture.yClean, vectors, fixture.topK) - fixture.expected.topKRatioClean),
    ).toBeLessThan(1e-9);
  });
  it('clean labels live in the top eigenspace more than noisy ones', () => {
    expect(topKRatio(fixture.yClean, vectors, 5)).toBeGreaterThan(topKRatio(fixture.y, vectors, 5) + 0.1);
  });
  it('the kernel is symmetric with diagonal ½ on unit-norm inputs', () => {
    const H = reluNtk(fixture.X);
    expect(H[3][3]).toBeCloseTo(0.5, 12);
    expect(H[2][7]).toBe(H[7][2]);
  });
  it('normalizeRows refuses a zero row', () => {
    expect(() => normalizeRows([[0, 0]])).toThrow(/zero norm/);
  });
});
