import type * as tfjs from '@tensorflow/tfjs-core';
import type { FashionSubset } from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import { topEigenvalues } from '../../models/subspaceEigen';
import { outputLayer, TwoLayerNet } from '../../models/twoLayer';
import { FUSED_MAX_OUTPUTS, FusedTwoLayerTrainer } from '../../models/twoLayerWgsl';
import { residualShader } from './distillTargetWgsl';
import {
  alphaRule,
  effectiveLabelFunction,
  labelFunction,
  mixTarget,
  tensorOps,
  type TargetRule,
} from './distillTarget';
import { createEvaluator } from './evaluator';
import type { NtkFrame, NtkSpectrumFrame } from './frames';
import { loadProblem } from './problem';
import type { NtkTrainParams } from './trainParams';
import { breathe } from '../../engine/breathe';

/**
 * Dong et al., "Distillation ≈ early stopping?", Sec. 3.3 and Fig. 4/5: a two-layer ReLU network
 * f(W, x) = Vᵀ φ(W x) with W ∈ R^{k×d} ~ N(0, 1) trained and V ∈ R^{k×C} FIXED (C = 1: half the entries
 * +1/√k, half −1/√k; C > 1: each column an independent random ±1/√k pattern with equal counts), loss
 * ½‖f(W, X) − ŷ‖² summed over points and outputs, full-batch gradient descent with step η.
 *
 * Two trainings run in lock-step from the SAME initial W on the same data, as ONE batched program (the
 * two W's side by side, stored transposed as Wt [d, 2k]; the network is
 * models/twoLayer.ts):
 *  run 0 ("normal"): targets = the observed, noisy labels y;
 *  run 1 ("selfDistill", Algorithm 1): targets ŷ_t = α_t y + (1 − α_t) h(f(x)), recomputed and detached
 *  every step (α_t is computed on the device from the current predictions, so a step needs no readback;
 *  h and the α rule are distillTarget.ts).
 *
 * Step size: η = etaScale / λ_max(H) with H = (XXᵀ) ⊙ (φ'(XWᵀ) diag(v²) φ'(XWᵀ)ᵀ) the empirical NTK at
 * initialisation (n × n; for C > 1 the per-output NTK, the same matrix since every |v| = 1/√k). The output
 * moves like u_{t+1} ≈ u_t − η H (u_t − ŷ), so etaScale = 1 fits the top eigendirection in one step and
 * etaScale ≥ 2 diverges. An explicit `eta` overrides etaScale. λ_max and the spectrum frames come from a
 * block subspace iteration with tfjs matmuls and a float64 Rayleigh–Ritz step (models/subspaceEigen.ts).
 *
 * This file is the loop that yields frames; the data provider is problem.ts, the metrics evaluator.ts.
 */

const progressIntervalMs = 100;
/** Sync with the device about this often (ms of work), to time steps and bound the queue. */
const syncTargetMs = 25;
/** At most this many steps are queued between syncs. */
const maxStepsPerSync = 256;

/** Default metrics cadence: about 150 points per run. */
const defaultEvalEvery = (iterations: number) => Math.max(1, Math.ceil(iterations / 150));

/**
 * NTK self-distillation job. Frames, in order: start; spectrum ('init'); metrics (iteration 0, then every
 * evalEvery iterations and at the last one) with progress frames in between; spectrum ('end'); done.
 * @param fashion the Fashion-MNIST subset; loaded with fetch from the site's data/ folder when absent
 */
export async function* ntkTrainJob(
  p: NtkTrainParams,
  ctx: JobContext,
  fashion?: FashionSubset,
): AsyncGenerator<NtkFrame, void, void> {
  const tf = ctx.tf;
  const t0 = performance.now();
  const P = await loadProblem(p, ctx.cancelled, fashion);
  if (!P) return;
  const { n, C, nTest } = P;
  const T = p.iterations;
  const evalEvery = Math.min(p.evalEvery ?? defaultEvalEvery(T), T);
  const { h: hKind, note } = effectiveLabelFunction(p.h, C);
  const notes = note ? [note] : [];
  const rule: TargetRule = {
    h: hKind,
    tau: p.tau,
    rho: p.rho,
    alphaRule: p.alphaRule,
    lambda: p.lambda,
    outputs: C,
    classes: P.classes,
    iterations: T,
  };
  const eig = (p.topEig ?? []).slice(0, p.topK).map((r) => Float64Array.from(r));
  const evaluator = createEvaluator(P, eig, rule);
  const { labelTopKRatio } = evaluator;
  const ops = tensorOps(tf);

  const owned: tfjs.Tensor[] = [];
  const own = <U extends tfjs.Tensor>(t: U): U => {
    owned.push(t);
    return t;
  };
  let net: TwoLayerNet | null = null;
  let Wt: tfjs.Tensor2D | null = null;
  let fused: FusedTwoLayerTrainer | null = null;
  try {
    net = new TwoLayerNet(tf, {
      X: P.X,
      n,
      d: P.d,
      width: p.width,
      outputs: C,
      runs: 2,
      activation: 'relu',
      seed: p.seed,
    });
    const model = net;
    const Xtest3 = model.inputs(P.testX, nTest);
    const Y = own(tf.tensor2d(Float32Array.from(P.Y), [n, C]));
    const yClassT = own(tf.tensor1d(P.yClass, 'int32'));
    // Both runs start from the same W.
    Wt = model.initialWeights(p.seed);
    const hInfT = p.hInf ? own(tf.tensor2d(Float32Array.from(p.hInf), [n, n])) : null;

    const spectrum = async (W: tfjs.Tensor2D, when: 'init' | 'end', iteration: number) => {
      const s0 = performance.now();
      const H = model.ntk(W, 0);
      try {
        const r = await topEigenvalues(tf, H, p.spectrumM, p.seed, ctx.cancelled);
        if (!r) return null;
        let rel: number | null = null;
        if (hInfT) {
          const q = tf.tidy(() => tf.stack([tf.sum(tf.square(tf.sub(H, hInfT))), tf.sum(tf.square(hInfT))]));
          try {
            const [num, den] = await q.data();
            rel = Math.sqrt(num / den);
          } finally {
            q.dispose();
          }
        }
        const frame: NtkSpectrumFrame = {
          kind: 'spectrum',
          when,
          iteration,
          eigenvalues: r.values,
          hInfRelDistance: rel,
          subspaceIterations: r.iterations,
          converged: r.converged,
          ms: performance.now() - s0,
        };
        return frame;
      } finally {
        H.dispose();
      }
    };

    const spec0 = await spectrum(Wt, 'init', 0);
    if (!spec0 || ctx.cancelled()) return;
    const lambdaMax = spec0.eigenvalues[0];
    const eta = p.eta ?? p.etaScale / lambdaMax;

    /** The self-distillation run's accuracy on the noisy labels, on the device (no readback). */
    const accuracyOf = (F: tfjs.Tensor2D) => {
      const pred = C === 1 ? tf.equal(tf.sign(F), Y) : tf.equal(tf.argMax(F, -1), yClassT);
      return tf.mean(tf.cast(pred, 'float32'));
    };
    const step = (W: tfjs.Tensor2D, t: number): tfjs.Tensor2D =>
      tf.tidy(() => {
        const { pre, F } = model.forward(W); // [n, 2k], [2, n, C]
        const F1 = tf.reshape(tf.slice(F, [1, 0, 0], [1, n, C]), [n, C]) as tfjs.Tensor2D;
        const a = alphaRule(ops, rule, () => accuracyOf(F1), t);
        const target1 = mixTarget(ops, a, Y, labelFunction(ops, rule, F1));
        const R = tf.sub(F, tf.stack([Y, target1])) as tfjs.Tensor3D; // [2, n, C]
        return tf.sub(W, tf.mul(eta, model.gradient(pre, R))) as tfjs.Tensor2D;
      });

    const evaluate = async (W: tfjs.Tensor2D, t: number) => {
      const [fT, ftT] = tf.tidy(() => [model.forward(W).F, model.forward(W, Xtest3).F]);
      let f: Float32Array;
      let ft: Float32Array;
      try {
        [f, ft] = (await Promise.all([fT.data(), ftT.data()])) as [Float32Array, Float32Array];
      } finally {
        fT.dispose();
        ftT.dispose();
      }
      return evaluator.evaluate(f, ft, t);
    };

    // On WebGPU the step runs as fused WGSL (five dispatches, many steps per submit); elsewhere, or when
    // asked for (stepKernel 'ops'), as tfjs ops.
    if (ctx.gpuDevice && p.stepKernel !== 'ops' && C <= FUSED_MAX_OUTPUTS) {
      const W0 = (await Wt.data()) as Float32Array;
      if (ctx.cancelled()) return;
      fused = FusedTwoLayerTrainer.create(ctx.gpuDevice, {
        n,
        d: P.d,
        width: p.width,
        outputs: C,
        runs: 2,
        X: P.X,
        V: outputLayer(p.width, C, p.seed),
        W: W0,
        Y: Float32Array.from(P.Y),
        yClass: P.yClass,
        eta,
        residualShader: residualShader(rule),
      });
    }

    yield {
      kind: 'start',
      stepKernel: fused ? 'fused-wgsl' : 'tfjs-ops',
      data: p.data,
      n,
      d: P.d,
      outputs: C,
      nTest,
      width: p.width,
      iterations: T,
      evalEvery,
      eta,
      lambdaMax,
      flippedFraction: P.flippedFraction,
      h: hKind,
      topK: eig.length,
      notes,
      backend: ctx.backend,
      setupMs: performance.now() - t0,
    };
    if (ctx.cancelled()) return;
    yield spec0;

    const stepper: Stepper = fused
      ? fusedStepper(tf, fused, [P.d, 2 * p.width])
      : opsStepper(tf, Wt, (W, t) => step(W, t));
    if (fused) Wt.dispose();
    Wt = null; // the stepper owns the weights from here
    let stepMs = 0;
    let last: Awaited<ReturnType<typeof evaluate>> | null = null;
    let segStart = performance.now();
    let lastFrameAt = performance.now();
    let sinceSync = 0;
    let syncEvery = 1;
    /** Waits for the queued steps and books their time; adapts how many steps go between syncs. */
    const sync = async () => {
      if (sinceSync === 0) return;
      await stepper.sync();
      const ms = performance.now() - segStart;
      stepMs += ms;
      const perStep = ms / sinceSync;
      syncEvery = Math.max(1, Math.min(maxStepsPerSync, Math.round(syncTargetMs / Math.max(perStep, 1e-3))));
      sinceSync = 0;
    };

    try {
      for (let t = 0; ;) {
        if (t % evalEvery === 0 || t === T) {
          await sync();
          if (ctx.cancelled()) return;
          last = await evaluate(await stepper.weights(), t);
          if (ctx.cancelled()) return;
          yield { kind: 'metrics', iteration: t, ...last, labelTopKRatio, elapsedMs: performance.now() - t0 };
          lastFrameAt = segStart = performance.now();
        }
        if (t === T) break;
        await breathe();
        if (ctx.cancelled()) return;
        const nextEval = Math.min(T, (Math.floor(t / evalEvery) + 1) * evalEvery);
        const k = Math.max(1, Math.min(syncEvery - sinceSync, nextEval - t));
        stepper.advance(k, t);
        t += k;
        sinceSync += k;
        if (sinceSync >= syncEvery) {
          await sync();
          if (ctx.cancelled()) return;
          if (performance.now() - lastFrameAt >= progressIntervalMs && t % evalEvery !== 0) {
            yield { kind: 'progress', iteration: t, iterations: T, elapsedMs: performance.now() - t0 };
            lastFrameAt = segStart = performance.now();
          } else segStart = performance.now();
        }
      }

      const specEnd = await spectrum(await stepper.weights(), 'end', T);
      if (!specEnd || ctx.cancelled() || !last) return;
      yield specEnd;
      yield {
        kind: 'done',
        iterations: T,
        eta,
        lambdaMax,
        normal: last.normal,
        selfDistill: last.selfDistill,
        msPerStep: stepMs / T,
        stepsPerSecond: (1000 * T) / Math.max(stepMs, 1e-9),
        totalMs: performance.now() - t0,
      };
    } finally {
      stepper.dispose();
    }
  } finally {
    Wt?.dispose();
    fused?.dispose();
    net?.dispose();
    owned.forEach((t) => t.dispose());
  }
}

/** Where the weights live while training: tfjs tensors stepped by ops, or the fused trainer's buffers. */
interface Stepper {
  /** enqueue `count` steps from iteration t */
  advance(count: number, t: number): void;
  /** wait for the enqueued steps */
  sync(): Promise<void>;
  /** the current weights [d, runs·m]; owned by the stepper, valid until the next advance */
  weights(): Promise<tfjs.Tensor2D>;
  dispose(): void;
}

function opsStepper(
  tf: typeof tfjs,
  W0: tfjs.Tensor2D,
  step: (W: tfjs.Tensor2D, t: number) => tfjs.Tensor2D,
): Stepper {
  let W = W0;
  return {
    advance(count, t) {
      for (let i = 0; i < count; i++) {
        const next = step(W, t + i);
        W.dispose();
        W = next;
      }
    },
    async sync() {
      const token = tf.slice(W, [0, 0], [1, 1]);
      try {
        await token.data();
      } finally {
        token.dispose();
      }
    },
    weights: async () => W,
    dispose: () => W.dispose(),
  };
}

function fusedStepper(tf: typeof tfjs, trainer: FusedTwoLayerTrainer, shape: [number, number]): Stepper {
  let W: tfjs.Tensor2D | null = null;
  const drop = () => {
    W?.dispose();
    W = null;
  };
  return {
    advance(count) {
      drop();
      trainer.steps(count);
    },
    sync: () => trainer.finished(),
    async weights() {
      W ??= tf.tensor2d(await trainer.weights(), shape);
      return W;
    },
    dispose() {
      drop();
      trainer.dispose();
    },
  };
}
