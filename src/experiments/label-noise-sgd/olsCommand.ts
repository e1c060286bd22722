import { sgdLeastSquaresTheory } from './math/sgdLeastSquaresTheory';
import type { OlsInput } from './olsInput';

export function olsCommand(v: OlsInput) {
  const t = sgdLeastSquaresTheory({ X: v.X, y: v.y }, v.eta, v.batch);
  return {
    betaHat: t.betaHat,
    stationaryCov: t.stationaryCov,
    meanSquareContraction: t.meanSquareContraction,
    contractionGap: t.contractionGap,
    meanContraction: t.meanContraction,
    stable: t.stable,
  };
}
