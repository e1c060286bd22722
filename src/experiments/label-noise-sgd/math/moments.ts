/** Mean and covariance (xx, yy, xy) of interleaved 2-D points, skipping nothing: non-finite in, non-finite out. */
export function moments2d(
  xy: ArrayLike<number>,
  count = xy.length / 2,
): { mean: [number, number]; cov: [number, number, number] } {
  let m0 = 0;
  let m1 = 0;
  for (let i = 0; i < count; i++) {
    m0 += xy[2 * i];
    m1 += xy[2 * i + 1];
  }
  m0 /= count;
  m1 /= count;
  let c00 = 0;
  let c11 = 0;
  let c01 = 0;
  for (let i = 0; i < count; i++) {
    const a = xy[2 * i] - m0;
    const b = xy[2 * i + 1] - m1;
    c00 += a * a;
    c11 += b * b;
    c01 += a * b;
  }
  const den = Math.max(count - 1, 1);
  return { mean: [m0, m1], cov: [c00 / den, c11 / den, c01 / den] };
}
