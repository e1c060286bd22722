import type * as tfjs from '@tensorflow/tfjs-core';
import { numClasses, pixelsPerImage, type FashionSubset } from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import { chainSeed } from '../../math/chainRng';
import { meanStd, type MeanStd } from '../../math/stats';
import { disposeMlp, initMlp, type Mlp } from '../../models/mlp';
import {
  trainOnTargets,
  type TrainEnd,
  type TrainOptions,
  type TrainProgress,
} from '../../models/trainOnTargets';
import { fashionSubsetFor, splitRows, type Split } from '../../data/fashionTensors';
import { evaluateMlp } from '../../models/mlpEvaluator';
import type { NnParams } from './nnParams';

/**
 * The neural-network part of Mobahi, Farajtabar & Bartlett (2020), Fig. 4–6, on a Fashion-MNIST subset:
 * rounds of self-distillation of a one-hidden-layer MLP (784 → hidden ReLU → 10), each round a fresh
 * network trained on the previous round's softmax outputs, and (Fig. 6) from-scratch training on the
 * original labels stopped at each round's training loss.
 *
 * All seeds train as ONE program (models/mlp.ts: weights stacked over seeds; models/trainOnTargets.ts:
 * minibatch Adam on targets). This file is the loop that yields frames; the data provider is
 * data/fashionTensors.ts, the metrics `evaluate` below (models/mlpEvaluator.ts).
 */

/** First frame: what the run is about to do. */
export interface NnStartFrame {
  kind: 'start';
  trainSize: number;
  testSize: number;
  seeds: number;
  rounds: number;
  classes: string[];
  backend: string;
}

/** Training progress, at most one every ~100 ms. */
export interface NnProgressFrame {
  kind: 'progress';
  /** 'distill': round `round` of self-distillation; 'early-stop': the Fig. 6 from-scratch runs */
  phase: 'distill' | 'early-stop';
  /** the round being trained; for 'early-stop', the number of rounds whose loss level is still pending */
  round: number;
  /** epochs done so far in this training run (fractional) */
  epoch: number;
  /** the epoch budget of this run */
  epochs: number;
  /** training objective (ℓ2 or cross-entropy against this run's targets), mean over seeds and over the
   *  minibatches since the previous progress frame */
  loss: number;
  elapsedMs: number;
}

/** One completed round of self-distillation; arrays are per seed. */
export interface NnRoundFrame {
  kind: 'round';
  round: number;
  rounds: number;
  /** accuracy on the ORIGINAL training labels y0 */
  trainAcc: number[];
  /** accuracy on the test set */
  testAcc: number[];
  /** ℓ2 loss on y0 at the end of the round: mean over training points of ‖softmax(f(x)) − onehot(y0)‖² */
  trainLossOrig: number[];
  /** the training objective against this round's own targets, mean over the last epoch's minibatches */
  fitLoss: number[];
  summary: { trainAcc: MeanStd; testAcc: MeanStd; trainLossOrig: MeanStd };
  /** wall time of the round (training and evaluation) */
  ms: number;
}

/**
 * Fig. 6: networks trained from scratch on y0 (fresh initialisations) and stopped at the first check
 * where their ℓ2 training loss on y0 is ≤ the loss that round t of self-distillation ended with.
 * Arrays are [round][seed]; null where the level was not reached within `maxEpochs`.
 */
export interface NnEarlyStopFrame {
  kind: 'early-stop';
  /** the stopping levels: trainLossOrig of each round */
  levels: number[][];
  testAcc: (number | null)[][];
  /** accuracy on y0 at the stop */
  trainAcc: (number | null)[][];
  /** the ℓ2 loss on y0 actually reached at the stop (≤ the level; checks are discrete) */
  stoppedLoss: (number | null)[][];
  /** epochs trained when stopped */
  stoppedEpoch: (number | null)[][];
  /** per round, over the seeds that reached the level */
  summary: { testAcc: MeanStd; trainAcc: MeanStd }[];
  maxEpochs: number;
  /** loss checks per epoch (the stop granularity) */
  checksPerEpoch: number;
  ms: number;
}

export interface NnDoneFrame {
  kind: 'done';
  totalMs: number;
  /** wall time per self-distillation round */
  roundMs: number[];
  /** epochs each round trained (all seeds at once): with roundMs, the rate of a run too fast for two progress frames */
  epochsPerRound: number;
}

export type NnFrame = NnStartFrame | NnProgressFrame | NnRoundFrame | NnEarlyStopFrame | NnDoneFrame;

/** Fig. 6 runs may train this many times the per-round epoch budget to reach the lowest level. */
const earlyStopEpochFactor = 2;
/** Fig. 6 runs check their loss on y0 this many times per epoch. */
const checksPerEpoch = 4;

/**
 * Accuracy and ℓ2 loss, the mean of ‖softmax(f(x)) − onehot(y)‖², of every seed's network on one split;
 * with `probs`, its softmax outputs [S·n·10] (seed-major) go there: the next round's targets.
 */
const evaluate = (tf: typeof tfjs, net: Mlp, d: Split, probs?: Float32Array) =>
  evaluateMlp(tf, net, d, {
    losses: {
      l2: (c) =>
        tf.sum(
          tf.sum(tf.square(tf.sub(tf.softmax(c.logits), tf.slice(d.onehot, [c.r0, 0], [c.rows, -1]))), -1),
          1,
        ) as tfjs.Tensor1D,
    },
    output: probs && { of: (c) => tf.softmax(c.logits), into: probs },
  }).then((e) => ({ acc: e.acc, l2: e.loss.l2 }));

/** Seeds of the run's random streams: one per (purpose, round), decorrelated by fmix32. */
const streamSeed = (seed: number, purpose: number, round: number) => chainSeed(seed, purpose * 64 + round);

/**
 * Self-distillation of an MLP on Fashion-MNIST (Mobahi et al. 2020, Fig. 4–6). Frames, in order:
 * start; for each round: progress…, round; if earlyStopping: progress…, early-stop; done.
 * @param data the subset; loaded with fetch from the site's data/ folder when absent (browser)
 */
export async function* hilbertNnJob(
  p: NnParams,
  ctx: JobContext,
  data?: FashionSubset,
): AsyncGenerator<NnFrame, void, void> {
  const tf = ctx.tf;
  const d = await fashionSubsetFor(p.trainSize, p.testSize, data);
  if (ctx.cancelled()) return;
  const S = p.seeds;
  const t0 = performance.now();
  const shape = { seeds: S, inputs: pixelsPerImage, hidden: p.hidden, outputs: numClasses };
  const options = (epochs: number, shuffleSeed: number): TrainOptions => ({
    seeds: S,
    epochs,
    batchSize: p.batchSize,
    lr: p.lr,
    loss: p.loss,
    shuffleSeed,
    cancelled: ctx.cancelled,
  });
  const progress =
    (phase: NnProgressFrame['phase'], epochs: number, round: () => number) =>
    (r: TrainProgress): NnProgressFrame => ({
      kind: 'progress',
      phase,
      round: round(),
      epoch: r.epoch,
      epochs,
      loss: r.loss,
      elapsedMs: performance.now() - t0,
    });
  const owned: tfjs.Tensor[] = [];
  let net: Mlp | null = null;
  let targets: tfjs.Tensor2D | null = null;
  try {
    const tr = splitRows(tf, d.trainX, d.trainY, 0, p.trainSize);
    owned.push(tr.x, tr.y, tr.onehot);
    const te = splitRows(tf, d.testX, d.testY, 0, p.testSize);
    owned.push(te.x, te.y, te.onehot);
    // Original labels for every seed, seed-major [S·N, 10]: round 0's targets and Fig. 6's.
    const y0All = tf.tidy(() => tf.tile(tr.onehot, [S, 1]) as tfjs.Tensor2D);
    owned.push(y0All);
    yield {
      kind: 'start',
      trainSize: p.trainSize,
      testSize: p.testSize,
      seeds: S,
      rounds: p.rounds,
      classes: [...d.classes],
      backend: ctx.backend,
    };

    const levels: number[][] = [];
    const testAccs: number[][] = [];
    const roundMs: number[] = [];
    for (let round = 0; round < p.rounds; round++) {
      const r0 = performance.now();
      net = initMlp(tf, shape, streamSeed(p.seed, 1, round));
      // The student learns the teacher's (previous round's) softmax outputs; round 0 the labels.
      const end: TrainEnd = yield* trainOnTargets(
        tf,
        net,
        tr.x,
        targets ?? y0All,
        options(p.epochs, streamSeed(p.seed, 2, round)),
        progress('distill', p.epochs, () => round),
      );
      if (end.cancelled || ctx.cancelled()) return;
      const probs = round < p.rounds - 1 ? new Float32Array(S * tr.n * numClasses) : undefined;
      const evTrain = await evaluate(tf, net, tr, probs);
      const evTest = await evaluate(tf, net, te);
      disposeMlp(net);
      net = null;
      targets?.dispose();
      targets = probs ? tf.tensor2d(probs, [S * tr.n, numClasses]) : null;
      if (ctx.cancelled()) return;
      const ms = performance.now() - r0;
      roundMs.push(ms);
      levels.push(evTrain.l2);
      testAccs.push(evTest.acc);
      yield {
        kind: 'round',
        round,
        rounds: p.rounds,
        trainAcc: evTrain.acc,
        testAcc: evTest.acc,
        trainLossOrig: evTrain.l2,
        fitLoss: end.lastEpochLoss,
        summary: {
          trainAcc: meanStd(evTrain.acc),
          testAcc: meanStd(evTest.acc),
          trainLossOrig: meanStd(evTrain.l2),
        },
        ms,
      };
    }
    targets?.dispose();
    targets = null;

    if (p.earlyStopping) {
      const e0 = performance.now();
      const R = p.rounds;
      const grid = <T>(v: T) => Array.from({ length: R }, () => new Array<T>(S).fill(v));
      const testAcc = grid<number | null>(null);
      const trainAcc = grid<number | null>(null);
      const stoppedLoss = grid<number | null>(null);
      const stoppedEpoch = grid<number | null>(null);
      let pending = R * S;
      const esNet = initMlp(tf, shape, streamSeed(p.seed, 3, 0));
      net = esNet;
      const batches = Math.ceil(p.trainSize / p.batchSize);
      const check = async (epochsDone: number) => {
        const ev = await evaluate(tf, esNet, tr);
        const hits: [number, number][] = [];
        for (let r = 0; r < R; r++)
          for (let s = 0; s < S; s++)
            if (stoppedLoss[r][s] === null && ev.l2[s] <= levels[r][s]) hits.push([r, s]);
        if (hits.length > 0) {
          const evT = await evaluate(tf, esNet, te);
          for (const [r, s] of hits) {
            testAcc[r][s] = evT.acc[s];
            trainAcc[r][s] = ev.acc[s];
            stoppedLoss[r][s] = ev.l2[s];
            stoppedEpoch[r][s] = epochsDone;
          }
          pending -= hits.length;
        }
        return pending === 0;
      };
      const maxEpochs = p.epochs * earlyStopEpochFactor;
      const end: TrainEnd = yield* trainOnTargets(
        tf,
        esNet,
        tr.x,
        y0All,
        {
          ...options(maxEpochs, streamSeed(p.seed, 4, 0)),
          check: { every: Math.max(1, Math.round(batches / checksPerEpoch)), fn: check },
        },
        progress(
          'early-stop',
          maxEpochs,
          () => stoppedLoss.filter((row) => row.some((v) => v === null)).length,
        ),
      );
      disposeMlp(esNet);
      net = null;
      if (end.cancelled || ctx.cancelled()) return;
      const reached = (m: (number | null)[]) => meanStd(m.filter((v): v is number => v !== null));
      yield {
        kind: 'early-stop',
        levels,
        testAcc,
        trainAcc,
        stoppedLoss,
        stoppedEpoch,
        summary: testAcc.map((row, r) => ({ testAcc: reached(row), trainAcc: reached(trainAcc[r]) })),
        maxEpochs,
        checksPerEpoch: batches / Math.max(1, Math.round(batches / checksPerEpoch)),
        ms: performance.now() - e0,
      };
    }
    yield { kind: 'done', totalMs: performance.now() - t0, roundMs, epochsPerRound: p.epochs };
  } finally {
    if (net) disposeMlp(net);
    targets?.dispose();
    owned.forEach((t) => t.dispose());
  }
}
