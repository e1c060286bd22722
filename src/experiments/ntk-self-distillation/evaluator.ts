import { alphaRule, float64Ops, labelFunction, mixTarget, type TargetRule } from './distillTarget';
import type { Problem } from './problem';

/**
 * The training job's evaluator: metrics of the two runs (normal, self-distillation) from their float32
 * predictions read back from the device, reduced in float64.
 */

/** Metrics of one run at one iteration (all from float32 predictions, reduced in float64). */
export interface RunMetrics {
  /** ½‖f(X) − y‖² on the observed (noisy) labels, summed over points and outputs */
  loss: number;
  /** accuracy against the observed (noisy) training labels */
  trainAccuracy: number;
  /** accuracy against the clean training labels */
  cleanAccuracy: number;
  /** ‖f(X) − y_clean‖_F / √n (binary: y_clean ±1; multi-class: one-hot) */
  l2ToClean: number;
  /** accuracy on the clean test split */
  testAccuracy: number;
  /**
   * AIR view: the residual f(X) − y (observed labels) projected on each given H∞ eigenvector e_i,
   * e_iᵀ(f − y) (signed, binary) or ‖e_iᵀ(F − Y)‖₂ over the C outputs (multi-class); [] without topEig
   */
  air: number[];
  /** ⟨f, y_clean⟩/‖y_clean‖²: how much of the clean labels the network has fitted */
  cleanFit: number;
  /** ⟨f, y − y_clean⟩/‖y − y_clean‖²: how much of the label noise it has fitted (null without noise) */
  noiseFit: number | null;
}

export interface SelfDistillMetrics extends RunMetrics {
  /** α_t used by the step from this iteration */
  alpha: number;
  /** topKRatio(ŷ_t): ‖P_k ŷ_t‖/‖ŷ_t‖ (Frobenius for n × C); null without topEig */
  targetTopKRatio: number | null;
  /** Fig. 5's information gain topKRatio(ŷ_t) − topKRatio(y); null without topEig */
  infoGain: number | null;
}

/** Class of each row of a row-major n × C prediction matrix: binary sign (+ → 0), else argmax. */
function predictedClass(f: ArrayLike<number>, off: number, n: number, C: number, out: Int32Array) {
  for (let i = 0; i < n; i++) {
    if (C === 1) {
      const v = f[off + i];
      out[i] = v > 0 ? 0 : v < 0 ? 1 : -1; // sign(0) = 0 matches no label
      continue;
    }
    let best = 0;
    for (let c = 1; c < C; c++) if (f[off + i * C + c] > f[off + i * C + best]) best = c;
    out[i] = best;
  }
}

const accuracy = (pred: Int32Array, truth: Int32Array) => {
  let hit = 0;
  for (let i = 0; i < truth.length; i++) if (pred[i] === truth[i]) hit++;
  return hit / truth.length;
};

/**
 * The evaluator of one problem. `eig`: the given top H∞ eigenvectors (rows of length n) for the AIR and
 * top-k readouts; `rule`: Algorithm 1's target rule, rebuilt here in float64 for the readouts.
 */
export function createEvaluator(P: Problem, eig: Float64Array[], rule: TargetRule) {
  const { n, C, nTest } = P;
  const projections = (v: Float64Array): number[] =>
    eig.map((e) => {
      if (C === 1) {
        let s = 0;
        for (let i = 0; i < n; i++) s += e[i] * v[i];
        return s;
      }
      let sq = 0;
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += e[i] * v[i * C + c];
        sq += s * s;
      }
      return Math.sqrt(sq);
    });
  const topKRatio = (v: Float64Array): number | null => {
    if (eig.length === 0) return null;
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    const proj = projections(v);
    return norm > 0 ? Math.sqrt(proj.reduce((s, x) => s + x * x, 0)) / norm : 0;
  };
  const labelTopKRatio = topKRatio(P.Y);
  const pred = new Int32Array(Math.max(n, nTest));

  /** Run r's metrics; f: training predictions [runs, n, C], ft: test predictions [runs, nTest, C]. */
  const run = (f: Float32Array, ft: Float32Array, r: number): RunMetrics => {
    const nc = n * C;
    const off = r * nc;
    let loss = 0;
    let clean = 0;
    let fc = 0;
    let cc = 0;
    let fn = 0;
    let nn = 0;
    const resid = new Float64Array(nc);
    for (let i = 0; i < nc; i++) {
      resid[i] = f[off + i] - P.Y[i];
      loss += resid[i] * resid[i];
      clean += (f[off + i] - P.Yclean[i]) ** 2;
      const noise = P.Y[i] - P.Yclean[i];
      fc += f[off + i] * P.Yclean[i];
      cc += P.Yclean[i] * P.Yclean[i];
      fn += f[off + i] * noise;
      nn += noise * noise;
    }
    const trainPred = pred.subarray(0, n);
    predictedClass(f, off, n, C, trainPred);
    const trainAccuracy = accuracy(trainPred, P.yClass);
    const cleanAccuracy = accuracy(trainPred, P.cleanClass);
    const testPred = pred.subarray(0, nTest);
    predictedClass(ft, r * nTest * C, nTest, C, testPred);
    return {
      loss: loss / 2,
      trainAccuracy,
      cleanAccuracy,
      l2ToClean: Math.sqrt(clean / n),
      testAccuracy: accuracy(testPred, P.testClass),
      air: projections(resid),
      cleanFit: cc > 0 ? fc / cc : 0,
      noiseFit: nn > 0 ? fn / nn : null,
    };
  };

  return {
    /** topKRatio(y) of the observed labels, or null without eigenvectors */
    labelTopKRatio,
    /** Both runs at iteration t: run 0 normal, run 1 self-distillation (its targets for the step from t). */
    evaluate(f: Float32Array, ft: Float32Array, t: number) {
      const normal = run(f, ft, 0);
      const sdBase = run(f, ft, 1);
      // The target the step from iteration t uses, rebuilt in float64 from the same float32 predictions.
      const o = float64Ops;
      const nc = n * C;
      const [alpha] = alphaRule(o, rule, () => [sdBase.trainAccuracy], t);
      const target = new Float64Array(nc);
      for (let i = 0; i < n; i++) {
        const row = Array.from(f.subarray(nc + i * C, nc + (i + 1) * C));
        const y = Array.from(P.Y.subarray(i * C, (i + 1) * C));
        target.set(mixTarget(o, [alpha], y, labelFunction(o, rule, row)), i * C);
      }
      const targetTopKRatio = topKRatio(target);
      const selfDistill: SelfDistillMetrics = {
        ...sdBase,
        alpha,
        targetTopKRatio,
        infoGain:
          targetTopKRatio !== null && labelTopKRatio !== null ? targetTopKRatio - labelTopKRatio : null,
      };
      return { normal, selfDistill };
    },
  };
}
