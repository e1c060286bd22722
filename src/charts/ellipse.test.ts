import { describe, expect, it } from 'vitest';
import { ellipseAxes, ellipseBounds, ellipsePoints, type Cov2 } from './ellipse';

/** Mahalanobis form xᵀ C⁻¹ x for a 2×2 covariance. */
function quadForm(cov: Cov2, x: number, y: number): number {
  const [[a, b], [, d]] = cov;
  const det = a * d - b * b;
  return (d * x * x - 2 * b * x * y + a * y * y) / det;
}

describe('ellipseAxes', () => {
  it('diag(4,1) has semi-axes 2 and 1 along x', () => {
    const ax = ellipseAxes([
      [4, 0],
      [0, 1],
    ]);
    expect(ax).not.toBeNull();
    expect(ax!.major).toBeCloseTo(2, 12);
    expect(ax!.minor).toBeCloseTo(1, 12);
    expect(ax!.angle).toBeCloseTo(0, 12);
  });

  it('diag(1,4) puts the major axis along y', () => {
    const ax = ellipseAxes([
      [1, 0],
      [0, 4],
    ])!;
    expect(ax.major).toBeCloseTo(2, 12);
    expect(Math.abs(ax.angle)).toBeCloseTo(Math.PI / 2, 12);
  });

  it('rotated covariance recovers eigenvalues and angle', () => {
    const th = 0.6;
    const c = Math.cos(th);
    const s = Math.sin(th);
    const l1 = 9;
    const l2 = 0.25;
    const cov: Cov2 = [
      [l1 * c * c + l2 * s * s, (l1 - l2) * c * s],
      [(l1 - l2) * c * s, l1 * s * s + l2 * c * c],
    ];
    const ax = ellipseAxes(cov)!;
    expect(ax.major).toBeCloseTo(3, 10);
    expect(ax.minor).toBeCloseTo(0.5, 10);
    expect(ax.angle).toBeCloseTo(th, 10);
  });

  it('returns null for non-PSD or non-finite matrices', () => {
    expect(
      ellipseAxes([
        [1, 2],
        [2, 1],
      ]),
    ).toBeNull();
    expect(
      ellipseAxes([
        [-1, 0],
        [0, -1],
      ]),
    ).toBeNull();
    expect(
      ellipseAxes([
        [NaN, 0],
        [0, 1],
      ]),
    ).toBeNull();
    expect(
      ellipseAxes([
        [Infinity, 0],
        [0, 1],
      ]),
    ).toBeNull();
  });

  it('accepts singular PSD matrices (degenerate ellipse)', () => {
    const ax = ellipseAxes([
      [1, 1],
      [1, 1],
    ])!;
    expect(ax.major).toBeCloseTo(Math.SQRT2, 12);
    expect(ax.minor).toBeCloseTo(0, 6);
    expect(ax.angle).toBeCloseTo(Math.PI / 4, 12);
  });
});

describe('ellipsePoints', () => {
  it('points of diag(4,1), k=1 satisfy xᵀC⁻¹x = 1', () => {
    const cov: Cov2 = [
      [4, 0],
      [0, 1],
    ];
    const pts = ellipsePoints([0, 0], cov, 1);
    expect(pts).toHaveLength(128);
    for (const [x, y] of pts) expect(quadForm(cov, x, y)).toBeCloseTo(1, 10);
    expect(Math.max(...pts.map((p) => p[0]))).toBeCloseTo(2, 10);
    expect(Math.max(...pts.map((p) => p[1]))).toBeCloseTo(1, 2);
  });

  it('rotated covariance with k=2 and an offset centre satisfies the quadratic form = k²', () => {
    const cov: Cov2 = [
      [2, 1.2],
      [1.2, 1.5],
    ];
    const pts = ellipsePoints([3, -1], cov, 2, 64);
    expect(pts).toHaveLength(64);
    for (const [x, y] of pts) expect(quadForm(cov, x - 3, y + 1)).toBeCloseTo(4, 9);
  });

  it('is empty for invalid inputs, never NaN', () => {
    const bad: Cov2 = [
      [1, 3],
      [3, 1],
    ];
    expect(ellipsePoints([0, 0], bad, 1)).toEqual([]);
    expect(
      ellipsePoints(
        [NaN, 0],
        [
          [1, 0],
          [0, 1],
        ],
        1,
      ),
    ).toEqual([]);
  });
});

describe('ellipseBounds', () => {
  it('matches the extreme points of the ellipse', () => {
    const cov: Cov2 = [
      [2, 1.2],
      [1.2, 1.5],
    ];
    const b = ellipseBounds([1, 2], cov, 2)!;
    const pts = ellipsePoints([1, 2], cov, 2, 4096);
    expect(Math.max(...pts.map((p) => p[0]))).toBeCloseTo(b.x[1], 4);
    expect(Math.min(...pts.map((p) => p[1]))).toBeCloseTo(b.y[0], 4);
  });
});
