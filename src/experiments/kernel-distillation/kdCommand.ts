import { hiddenFeatures, kdFinalOutputs, kdPoles, slowestPole, zeroPoles } from './math/kernelDistillation';
import type { KdInput } from './kdInput';

/** `lab kd`: Theorem 1's f_∞ and Theorem 3's poles (all n·m, descending), float64. */
export function kdCommand(v: KdInput) {
  const phi = hiddenFeatures(v.X, v.W, v.activation);
  const poles = kdPoles(v.X, v.W, v.a, v.lam, v.activation);
  const n = v.X.length;
  const d = v.X[0].length;
  return {
    fInf: kdFinalOutputs(v.y, phi, v.a, v.lam),
    poles,
    slowestPole: slowestPole(poles),
    zeroPoles: zeroPoles(poles),
    // Theorem 1 needs full-rank H_k; rank H_k ≤ min(n, d).
    theorem1Applies: n <= d,
  };
}
