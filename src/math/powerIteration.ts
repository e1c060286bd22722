/**
 * λ_max(XXᵀ) (= λ_max(XᵀX)) of the first `rows` rows of a row-major matrix X (`dim` columns, rows
 * `stride` apart) by power iteration in float64: v ← X(Xᵀv)/‖X(Xᵀv)‖ from the uniform unit vector, the
 * estimate ‖X(Xᵀv)‖ until it changes by at most 1e-12 relative (or `maxIterations`). Never forms XXᵀ:
 * two products of X per iteration, O(rows·dim) each. 0 when the rows are all zero.
 */
export function gramTopEigenvalue(
  X: ArrayLike<number>,
  rows: number,
  dim: number,
  stride = dim,
  maxIterations = 500,
): number {
  let v = new Float64Array(rows).fill(1 / Math.sqrt(rows));
  const u = new Float64Array(dim);
  let lambda = 0;
  for (let it = 0; it < maxIterations; it++) {
    u.fill(0);
    for (let i = 0; i < rows; i++) for (let j = 0; j < dim; j++) u[j] += X[i * stride + j] * v[i];
    const w = new Float64Array(rows);
    let sq = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += X[i * stride + j] * u[j];
      w[i] = s;
      sq += s * s;
    }
    const next = Math.sqrt(sq);
    if (next === 0) return 0;
    for (let i = 0; i < rows; i++) w[i] /= next;
    v = w;
    if (Math.abs(next - lambda) <= 1e-12 * next) return next;
    lambda = next;
  }
  return lambda;
}
