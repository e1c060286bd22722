import { describe, expect, it } from 'vitest';
import { contentKey } from './contentKey';

describe('contentKey', () => {
  const X = Array.from({ length: 64 }, (_, i) => Array.from({ length: 8 }, (_, j) => Math.sin(i * 8 + j)));
  it('is the same for equal contents and differs when one entry moves by one ulp, or the shape', () => {
    const copy = X.map((r) => [...r]);
    expect(contentKey(copy)).toBe(contentKey(X));
    const nudged = X.map((r) => [...r]);
    nudged[40][3] = nudged[40][3] + Number.EPSILON * Math.abs(nudged[40][3]);
    expect(nudged[40][3]).not.toBe(X[40][3]);
    expect(contentKey(nudged)).not.toBe(contentKey(X));
    // the same 512 numbers as 128 rows of 4
    const reshaped = Array.from({ length: 128 }, (_, i) => X.flat().slice(i * 4, i * 4 + 4));
    expect(contentKey(reshaped)).not.toBe(contentKey(X));
  });
  it('tells apart matrices that differ by swapped entries', () => {
    const swapped = X.map((r) => [...r]);
    [swapped[0][0], swapped[0][1]] = [swapped[0][1], swapped[0][0]];
    expect(contentKey(swapped)).not.toBe(contentKey(X));
  });
});
