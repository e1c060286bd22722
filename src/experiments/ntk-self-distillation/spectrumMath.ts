import seedrandom from 'seedrandom';
import type { FashionSubset } from '../../data/fashionMnist';
import { reluNtk, symmetricEigen, topKRatio } from '../../math/ntkRelu';
import { meanStd } from '../../math/stats';
import { clusterData, fashionNoisy } from './data';
import type { NtkFig2Frame } from './frames';
import type { NtkParams } from './params';

/**
 * The job's float64 eigensolves (H∞ of the training inputs, and one per draw for Fig. 2: 256-square
 * each at the defaults, ~0.1 s apiece), pure functions of their arguments so that they can run on a
 * worker of their own (ntkMathTask.ts).
 */

/** H∞ of the inputs and its full eigen-decomposition. */
function ntkEigen(X: number[][]) {
  const hInf = reluNtk(X);
  return { hInf, eig: symmetricEigen(hInf) };
}

/** Frobenius top-k ratio of an n × C label matrix (C = 1: the plain vector ratio). */
export function matrixRatio(Y: number[][], vectors: number[][], k: number): number {
  const C = Y[0].length;
  let proj = 0;
  let norm = 0;
  for (let c = 0; c < C; c++) {
    const col = Y.map((r) => r[c]);
    const r = topKRatio(col, vectors, k);
    const nc = col.reduce((s, v) => s + v * v, 0);
    proj += r * r * nc;
    norm += nc;
  }
  return norm > 0 ? Math.sqrt(proj / norm) : 0;
}

function fig2Clusters(p: NtkParams): Omit<NtkFig2Frame, 'kind' | 'ms'> {
  const levels = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
  const n = Math.min(p.n, 256);
  const per: number[][] = levels.map(() => []);
  for (let draw = 0; draw < p.draws; draw++) {
    const set = clusterData({
      n,
      d: p.d,
      clusters: Math.min(p.clusters, n),
      radius: p.radius,
      rho: 0,
      seed: p.seed * 1000 + draw,
    });
    const { vectors } = symmetricEigen(reluNtk(set.X));
    const rng = seedrandom.alea(`fig2:${p.seed}:${draw}`);
    const u = set.yClean.map(() => rng());
    levels.forEach((rho, li) =>
      per[li].push(
        topKRatio(
          set.yClean.map((v, i) => (u[i] < rho ? -v : v)),
          vectors,
          p.topK,
        ),
      ),
    );
  }
  const s = per.map(meanStd);
  return { levels, mean: s.map((x) => x.mean), std: s.map((x) => x.std), draws: p.draws, topK: p.topK };
}

function fig2Fashion(p: NtkParams, subset: FashionSubset): Omit<NtkFig2Frame, 'kind' | 'ms'> {
  const levels = [0, 0.2, 0.4, 0.6, 0.8];
  const base = fashionNoisy(subset, { trainSize: p.n, testSize: 10, p: 0, seed: p.seed });
  const { vectors } = symmetricEigen(reluNtk(base.X));
  const per = levels.map((lvl) =>
    Array.from({ length: p.draws }, (_, draw) => {
      const f = fashionNoisy(subset, { trainSize: p.n, testSize: 10, p: lvl, seed: p.seed * 1000 + draw });
      return matrixRatio(f.Y, vectors, p.topK);
    }),
  );
  const s = per.map(meanStd);
  return { levels, mean: s.map((x) => x.mean), std: s.map((x) => x.std), draws: p.draws, topK: p.topK };
}

export type NtkMathArgs =
  { op: 'eigen'; X: number[][] } | { op: 'fig2'; p: NtkParams; subset: FashionSubset | null };

export type NtkEigen = ReturnType<typeof ntkEigen>;
export type NtkFig2 = ReturnType<typeof fig2Clusters>;

/** The worker's entry: one of the solves above. */
export function runNtkMath(q: NtkMathArgs): NtkEigen | NtkFig2 {
  if (q.op === 'eigen') return ntkEigen(q.X);
  return q.subset ? fig2Fashion(q.p, q.subset) : fig2Clusters(q.p);
}
