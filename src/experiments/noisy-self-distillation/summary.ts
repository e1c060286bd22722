import { meanStd } from '../../math/stats';
import type { CheckpointFrame } from './job';
import type { RunSpec } from './params';

/** Per run: the mean and sd over seeds of a checkpoint's metrics (diverged seeds left out, counted). */

export interface RunSummary {
  noise: RunSpec['noise'];
  level: number;
  gradNormSq: number;
  gradNormSqSd: number;
  valAcc: number;
  valAccSd: number;
  testAcc: number;
  testAccSd: number;
  /** seeds whose student diverged */
  diverged: number;
}

export function summarise(runs: readonly RunSpec[], c: CheckpointFrame): RunSummary[] {
  return runs.map((r, i) => {
    const ok = (a: (number | null)[][]) => a[i].filter((v): v is number => v !== null);
    const g = meanStd(ok(c.gradNormSq));
    const v = meanStd(ok(c.valAcc));
    const t = meanStd(ok(c.testAcc));
    return {
      noise: r.noise,
      level: r.level,
      gradNormSq: g.mean,
      gradNormSqSd: g.std,
      valAcc: v.mean,
      valAccSd: v.std,
      testAcc: t.mean,
      testAccSd: t.std,
      diverged: c.gradNormSq[i].length - g.n,
    };
  });
}

/** Model selection as in the paper: the run with the best mean validation accuracy (first on a tie). */
export function selectByValidation(rs: readonly RunSummary[]): number {
  let best = -1;
  rs.forEach((r, i) => {
    if (Number.isFinite(r.valAcc) && (best < 0 || r.valAcc > rs[best].valAcc)) best = i;
  });
  return best;
}
