import { selfDistill } from './math/hilbertSelfDistillation';
import type { HilbertInput } from './hilbertInput';

export function hilbertCommand(v: HilbertInput) {
  const r = selfDistill({ x: v.x, y: v.y, epsilon: v.epsilon, rounds: v.rounds, alpha: v.alpha });
  return {
    eigenvalues: r.eigenvalues,
    c: r.c,
    B: r.B,
    predictions: r.predictions,
    roundsBeforeCollapse: r.roundsBeforeCollapse,
    meanSquaredNorm: r.meanSquaredNorm,
    collapsed: r.collapsed,
    kappa: r.kappa,
    guaranteedRounds: r.guaranteedRounds,
  };
}
