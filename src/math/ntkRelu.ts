import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Infinite-width NTK of a two-layer ReLU network with fixed output layer, for unit-norm inputs
 * (Dong et al., Def. 2): H∞_ij = x_i·x_j (π − arccos(x_i·x_j)) / (2π).
 */
export function reluNtk(X: readonly (readonly number[])[]): number[][] {
  const n = X.length;
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let dot = 0;
      for (let a = 0; a < X[i].length; a++) dot += X[i][a] * X[j][a];
      // Rounding can push a unit-norm dot product just past ±1; arccos would return NaN.
      const c = Math.min(1, Math.max(-1, dot));
      H[i][j] = H[j][i] = (c * (Math.PI - Math.acos(c))) / (2 * Math.PI);
    }
  return H;
}

/** Symmetric eigendecomposition, eigenvalues descending; rows of `vectors` are the eigenvectors. */
export function symmetricEigen(H: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const e = new EigenvalueDecomposition(new Matrix(H as number[][]), { assumeSymmetric: true });
  const vals = e.realEigenvalues;
  const order = vals.map((_, i) => i).sort((a, b) => vals[b] - vals[a]);
  const V = e.eigenvectorMatrix;
  return { values: order.map((i) => vals[i]), vectors: order.map((i) => V.getColumn(i)) };
}

/** ‖P_k y‖/‖y‖: the share of the label vector in the top-k eigenspace (Fig. 2). */
export function topKRatio(y: readonly number[], vectors: readonly (readonly number[])[], k: number): number {
  let proj = 0;
  for (let i = 0; i < Math.min(k, vectors.length); i++) {
    let p = 0;
    for (let j = 0; j < y.length; j++) p += vectors[i][j] * y[j];
    proj += p * p;
  }
  const norm = y.reduce((s, v) => s + v * v, 0);
  return norm > 0 ? Math.sqrt(proj / norm) : 0;
}

/** Scale each row to unit Euclidean norm (the model assumes unit-norm inputs). */
export function normalizeRows(X: readonly (readonly number[])[]): number[][] {
  return X.map((r) => {
    const n = Math.sqrt(r.reduce((s, v) => s + v * v, 0));
    if (!(n > 0)) throw new Error('an input row has zero norm and cannot be normalised');
    return r.map((v) => v / n);
  });
}
