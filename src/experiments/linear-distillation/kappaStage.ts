import { riskAtAngle } from './math/angularTasks';
import { makeRng, reducedStudentAngle, sampleReduced } from './math/angularSampling';
import { summarize, type KappaFrame, type SetSummary } from './frames';
import { fig3Kappas, type LinearParams } from './params';

/**
 * Fig. 3: for each κ, `sweepSets` transfer sets of n points in d dimensions; the student is Theorem 1's
 * limit ŵ (the convergence figure shows gradient descent reaching it) and its risk on the κ-task is
 * exact given ŵ (riskAtAngle: the test point is integrated out, only the transfer set is random).
 */
export function* kappaStage(p: LinearParams, cancelled: () => boolean): Generator<KappaFrame> {
  const t0 = performance.now();
  const kappas: number[] = [];
  const risk: SetSummary[] = [];
  const angle: number[] = [];
  for (const kappa of fig3Kappas) {
    if (cancelled()) return;
    const task = { kind: 'kappa' as const, kappa };
    // One stream per κ: a κ's points do not depend on which κ values come before it.
    const rng = makeRng(`${p.seed}:fig3:${kappa}`);
    const risks = new Float64Array(p.sweepSets);
    let angleSum = 0;
    for (let s = 0; s < p.sweepSets; s++) {
      // O(n²) per set: the angle by one triangular solve (exact, see reducedStudentAngle).
      const a = reducedStudentAngle(sampleReduced(task, p.d, p.n, rng));
      angleSum += a;
      risks[s] = riskAtAngle(task, a, p.d);
    }
    kappas.push(kappa);
    risk.push(summarize(risks));
    angle.push(angleSum / p.sweepSets);
    yield {
      kind: 'kappa',
      d: p.d,
      n: p.n,
      kappas: [...kappas],
      risk: [...risk],
      angle: [...angle],
      done: kappas.length === fig3Kappas.length,
      ms: performance.now() - t0,
    };
  }
}
