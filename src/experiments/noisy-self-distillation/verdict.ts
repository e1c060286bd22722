import { sci } from '../../ui/format';
import type { Verdict } from '../types';
import type { NoiseKind, PageParams } from './params';
import type { NoisyResults } from './results';
import { selectByValidation, summarise, type RunSummary } from './summary';

const symbol: Record<NoiseKind, string> = { gaussian: 'σ²', symmetric: 'p' };

/** Run indices of one kind's curve: the noiseless baseline (run 0) and that kind's levels. */
export const curveOf = (rs: readonly RunSummary[], kind: NoiseKind) =>
  rs.map((r, i) => ({ r, i })).filter(({ r, i }) => i === 0 || (r.noise === kind && r.level > 0));

/** Is the mean strictly decreasing along the curve? */
const decreasing = (ys: number[]) => ys.every((v, i) => i === 0 || v < ys[i - 1]);

/**
 * Fig. 2 for one noise kind, as the panel's verdict line and the claim read it: the curve (baseline
 * first), whether its mean gradient norm falls strictly, and the level validation picks.
 */
export function kindSummary(rs: readonly RunSummary[], kind: NoiseKind) {
  const curve = curveOf(rs, kind);
  return {
    curve,
    falls: decreasing(curve.map(({ r }) => r.gradNormSq)),
    picked: selectByValidation(curve.map(({ r }) => r)),
  };
}

/** The checkpoint Fig. 2 shows (the panel draws from the second one on), summarised per run. */
export function latestSummary(results: NoisyResults): { epoch: number; rs: RunSummary[] } | null {
  const cs = results.checkpoints;
  const last = cs.length > 1 ? cs[cs.length - 1] : null;
  if (!last || !results.start) return null;
  return { epoch: last.epoch, rs: summarise(results.start.runs, last) };
}

/** eq. (16) / Fig. 2a: the students' mean gradient norm falls strictly as the noise grows, per kind run. */
export function gradNormVerdict(results: NoisyResults, p: PageParams): Verdict {
  const s = latestSummary(results);
  if (!s) {
    const pr = results.progress;
    return {
      state: 'pending',
      text:
        pr?.phase === 'teacher'
          ? `the teacher trains first (epoch ${pr.epoch.toFixed(0)} of ${pr.epochs})`
          : 'waiting for the students’ first checkpoint',
    };
  }
  const kinds = (['gaussian', 'symmetric'] as const).filter((k) =>
    s.rs.some((r, i) => i > 0 && r.noise === k && r.level > 0),
  );
  const parts = kinds.map((k) => {
    const { curve, falls } = kindSummary(s.rs, k);
    const path = curve.map(({ r }) => sci(r.gradNormSq)).join(' → ');
    return {
      falls,
      text: `‖∇θf‖² ${falls ? 'falls' : 'does not fall'} strictly as ${symbol[k]} grows (${path})`,
    };
  });
  const holds = parts.length > 0 && parts.every((x) => x.falls);
  return {
    state: holds ? 'holds' : 'fails',
    text: parts.map((x) => x.text).join('; '),
    provisional: results.done ? undefined : `epoch ${s.epoch} of ${p.epochs}`,
  };
}
