import { symmetricEigen } from '../../../math/ntkRelu';

/**
 * Nyström embedding of a kernel from r landmarks (Williams & Seeger): with K_LL = UΛUᵀ,
 * e(x) = Λ^{-1/2} Uᵀ k_L(x), so e(x)ᵀe(x′) = k_L(x)ᵀ K_LL⁺ k_L(x′) — exact on the landmarks. Directions
 * with eigenvalue below 1e-10 × the largest are dropped (they are rounding). Float64, no DOM, no tfjs.
 */
export interface NystromMap {
  /** r × kept: U Λ^{-1/2}, row-major */
  proj: Float64Array;
  r: number;
  kept: number;
}

export function nystromMap(Kll: Float64Array, r: number): NystromMap {
  const rows = Array.from({ length: r }, (_, i) => Array.from(Kll.subarray(i * r, (i + 1) * r)));
  const { values, vectors } = symmetricEigen(rows);
  const top = Math.max(values[0] ?? 0, 0);
  const keep = values.map((_, j) => j).filter((j) => values[j] > 1e-10 * top);
  const proj = new Float64Array(r * keep.length);
  keep.forEach((j, c) => {
    const s = 1 / Math.sqrt(values[j]);
    for (let i = 0; i < r; i++) proj[i * keep.length + c] = vectors[j][i] * s;
  });
  return { proj, r, kept: keep.length };
}

/**
 * Embeds rows given their kernel values against the landmarks (rows × r), then scales each embedding
 * to unit norm, as the networks expect (a zero embedding stays zero).
 */
export function embed(Kxl: Float64Array, rows: number, map: NystromMap, unit = true): Float64Array {
  const { proj, r, kept } = map;
  const E = new Float64Array(rows * kept);
  for (let i = 0; i < rows; i++) {
    for (let l = 0; l < r; l++) {
      const k = Kxl[i * r + l];
      if (k === 0) continue;
      for (let c = 0; c < kept; c++) E[i * kept + c] += k * proj[l * kept + c];
    }
    if (!unit) continue;
    let s = 0;
    for (let c = 0; c < kept; c++) s += E[i * kept + c] ** 2;
    const f = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let c = 0; c < kept; c++) E[i * kept + c] *= f;
  }
  return E;
}
