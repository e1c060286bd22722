import type * as tfjs from '@tensorflow/tfjs';
import {
  defaultDataBaseUrl,
  fetchArrayBuffer,
  loadFashionSubset,
  numClasses,
  pixelsPerImage,
  type FashionSubset,
} from '../../data/fashionMnist';
import { type NnParams } from './nnParams';
import type { JobContext } from '../../engine/job';
import { chainSeed, indexOf, xorshift32 } from '../../math/chainRng';
import { meanStd, type MeanStd } from '../../math/stats';

/**
 * The neural-network part of Mobahi, Farajtabar & Bartlett (2020), Fig. 4–6, on a Fashion-MNIST subset:
 * rounds of self-distillation of a one-hidden-layer MLP (784 → hidden ReLU → 10), each round a fresh
 * network trained on the previous round's softmax outputs, and (Fig. 6) from-scratch training on the
 * original labels stopped at each round's training loss.
 *
 * Optimiser: Adam (tf.train.adam, a fresh one per network). With the paper's ℓ2 loss between softmax and
 * targets, gradients vanish where the softmax saturates, and plain SGD needs a per-setting learning rate;
 * Adam trains both losses well with lr ≈ 1e-3 and has no extra hyper-parameter to expose.
 *
 * Batching: all seeds train as ONE program. Weights carry a leading seed dimension (W1 [S,784,H],
 * b1 [S,1,H], W2 [S,H,10], b2 [S,1,10]); a step gathers each seed's own minibatch into [S,B,784] and runs
 * the forward and backward pass as batched matMuls over seeds; the loss is the sum over seeds of each
 * seed's batch-mean loss, so every seed gets exactly its own gradient (Adam is elementwise, so the seeds
 * stay independent). Evaluation broadcasts the shared inputs [1,n,784] against W1 [S,784,H].
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
}

export type NnFrame = NnStartFrame | NnProgressFrame | NnRoundFrame | NnEarlyStopFrame | NnDoneFrame;

/** A progress frame is yielded after about this much work, so pause and cancel stay responsive. */
const progressIntervalMs = 100;
/** Evaluation runs over the data in chunks of this many rows to bound memory. */
const evalChunk = 1000;
/** Fig. 6 runs may train this many times the per-round epoch budget to reach the lowest level. */
const earlyStopEpochFactor = 2;
/** Fig. 6 runs check their loss on y0 this many times per epoch. */
const checksPerEpoch = 4;

type Tf = JobContext['tf'];

interface Net {
  w1: tfjs.Variable<tfjs.Rank.R3>;
  b1: tfjs.Variable<tfjs.Rank.R3>;
  w2: tfjs.Variable<tfjs.Rank.R3>;
  b2: tfjs.Variable<tfjs.Rank.R3>;
}

function initNet(tf: Tf, seeds: number, hidden: number, seed: number): Net {
  // tf.variable(t) keeps t alive as a separate tensor: dispose each initial value once it is copied.
  const v = (init: tfjs.Tensor3D) => {
    const variable = tf.variable(init);
    init.dispose();
    return variable;
  };
  // He initialisation for the ReLU layer, LeCun for the output layer; zero biases.
  return {
    w1: v(
      tf.randomNormal([seeds, pixelsPerImage, hidden], 0, Math.sqrt(2 / pixelsPerImage), 'float32', seed),
    ),
    b1: v(tf.zeros([seeds, 1, hidden])),
    w2: v(tf.randomNormal([seeds, hidden, numClasses], 0, Math.sqrt(1 / hidden), 'float32', seed + 1)),
    b2: v(tf.zeros([seeds, 1, numClasses])),
  };
}

const disposeNet = (n: Net) => [n.w1, n.b1, n.w2, n.b2].forEach((v) => v.dispose());

/** logits [S,n,10] of inputs x: [S,n,784] (each seed its own inputs) or [1,n,784] (shared). */
function forward(tf: Tf, net: Net, x: tfjs.Tensor3D): tfjs.Tensor3D {
  const h = tf.relu(tf.add(tf.matMul(x, net.w1), net.b1));
  return tf.add(tf.matMul(h, net.w2), net.b2);
}

/** per-seed batch-mean loss [S] between softmax(logits) and targets t, both [S,B,10] */
function lossPerSeed(tf: Tf, kind: NnParams['loss'], logits: tfjs.Tensor3D, t: tfjs.Tensor3D): tfjs.Tensor1D {
  if (kind === 'l2') return tf.mean(tf.sum(tf.square(tf.sub(tf.softmax(logits), t)), -1), -1);
  return tf.neg(tf.mean(tf.sum(tf.mul(t, tf.logSoftmax(logits)), -1), -1));
}

interface Split {
  x: tfjs.Tensor2D;
  /** labels [n] int32 and their one-hot [n,10] */
  y: tfjs.Tensor1D;
  onehot: tfjs.Tensor2D;
  n: number;
}

interface Evaluation {
  acc: number[];
  /** mean ‖softmax − onehot(y)‖² */
  l2: number[];
  /** softmax outputs [S·n, 10] (seed-major), when asked for */
  probs: tfjs.Tensor2D | null;
}

async function evaluate(tf: Tf, net: Net, d: Split, seeds: number, keepProbs: boolean): Promise<Evaluation> {
  let correct: tfjs.Tensor1D = tf.zeros([seeds]);
  let l2: tfjs.Tensor1D = tf.zeros([seeds]);
  const parts: tfjs.Tensor3D[] = [];
  try {
    for (let r0 = 0; r0 < d.n; r0 += evalChunk) {
      const rows = Math.min(evalChunk, d.n - r0);
      const [c, l, probs] = tf.tidy((): tfjs.Tensor[] => {
        const x = tf.slice(d.x, [r0, 0], [rows, -1]).expandDims(0) as tfjs.Tensor3D;
        const logits = forward(tf, net, x);
        const p = tf.softmax(logits);
        const oh = tf.slice(d.onehot, [r0, 0], [rows, -1]);
        const y = tf.slice(d.y, [r0], [rows]);
        const hit = tf.cast(tf.equal(tf.argMax(logits, -1), y), 'float32');
        const c = tf.add(correct, tf.sum(hit, 1));
        const l = tf.add(l2, tf.sum(tf.sum(tf.square(tf.sub(p, oh)), -1), 1));
        return keepProbs ? [c, l, p] : [c, l];
      }) as [tfjs.Tensor1D, tfjs.Tensor1D, tfjs.Tensor3D?];
      correct.dispose();
      l2.dispose();
      correct = c;
      l2 = l;
      if (probs) parts.push(probs);
    }
    const [cv, lv] = await Promise.all([correct.data(), l2.data()]);
    const probs = keepProbs
      ? tf.tidy(() => tf.reshape(tf.concat(parts, 1), [seeds * d.n, numClasses]) as tfjs.Tensor2D)
      : null;
    return { acc: Array.from(cv, (v) => v / d.n), l2: Array.from(lv, (v) => v / d.n), probs };
  } finally {
    correct.dispose();
    l2.dispose();
    parts.forEach((t) => t.dispose());
  }
}

/** What a training run reports back to the job when it ends. */
interface TrainEnd {
  cancelled: boolean;
  /** per seed: mean training objective over the last epoch's minibatches */
  lastEpochLoss: number[];
}

/** Called every `checkEvery` steps with epochs done; returning true ends the run early. */
type Checker = (epochsDone: number) => Promise<boolean>;

interface TrainSpec {
  phase: NnProgressFrame['phase'];
  round: () => number;
  epochs: number;
  /** targets [S·N, 10], seed-major */
  targets: tfjs.Tensor2D;
  shuffleSeed: number;
  check?: { every: number; fn: Checker };
}

/**
 * Trains `net` in place with a fresh Adam, yielding progress frames. Each seed draws its own
 * minibatch order (xorshift32, seeded per seed), without replacement within an epoch.
 */
async function* train(
  tf: Tf,
  ctx: JobContext,
  p: NnParams,
  net: Net,
  data: Split,
  spec: TrainSpec,
  t0: number,
): AsyncGenerator<NnFrame, TrainEnd, void> {
  const S = p.seeds;
  const N = data.n;
  const B = p.batchSize;
  const batches = Math.ceil(N / B);
  const opt = tf.train.adam(p.lr);
  const vars = [net.w1, net.b1, net.w2, net.b2];
  const perm = Array.from({ length: S }, () => Int32Array.from({ length: N }, (_, i) => i));
  const rng = Int32Array.from({ length: S }, (_, s) => chainSeed(spec.shuffleSeed, s) | 0);
  let chunkLoss: tfjs.Tensor1D | null = null;
  let chunkSteps = 0;
  let epochLoss: tfjs.Tensor1D | null = null;
  let lastEpochLoss: number[] = new Array<number>(S).fill(NaN);
  let chunkStart = performance.now();
  let step = 0;
  const addTo = (acc: tfjs.Tensor1D | null, v: tfjs.Tensor1D) => {
    if (!acc) return tf.clone(v);
    const sum = tf.add(acc, v) as tfjs.Tensor1D;
    acc.dispose();
    return sum;
  };
  try {
    for (let epoch = 0; epoch < spec.epochs; epoch++) {
      for (let s = 0; s < S; s++) {
        const a = perm[s];
        let x = rng[s];
        for (let i = N - 1; i > 0; i--) {
          x = xorshift32(x);
          const j = indexOf(x >>> 0, i + 1);
          const t = a[i];
          a[i] = a[j];
          a[j] = t;
        }
        rng[s] = x;
      }
      for (let b = 0; b < batches; b++) {
        if (ctx.cancelled()) return { cancelled: true, lastEpochLoss };
        const lo = b * B;
        const rows = Math.min(B, N - lo);
        const ix = new Int32Array(S * rows);
        const it = new Int32Array(S * rows);
        for (let s = 0; s < S; s++)
          for (let r = 0; r < rows; r++) {
            const i = perm[s][lo + r];
            ix[s * rows + r] = i;
            it[s * rows + r] = s * N + i;
          }
        let perSeed: tfjs.Tensor1D | null = null;
        tf.tidy(() => {
          const cost = opt.minimize(
            () => {
              const xb = tf.reshape(tf.gather(data.x, tf.tensor1d(ix, 'int32')), [S, rows, pixelsPerImage]);
              const tb = tf.reshape(tf.gather(spec.targets, tf.tensor1d(it, 'int32')), [S, rows, numClasses]);
              // keep(): the per-seed losses outlive minimize's internal tidy, for the progress report.
              perSeed = tf.keep(
                lossPerSeed(tf, p.loss, forward(tf, net, xb as tfjs.Tensor3D), tb as tfjs.Tensor3D),
              );
              return tf.sum(perSeed);
            },
            true,
            vars,
          );
          cost?.dispose();
        });
        if (!perSeed) throw new Error('internal: no loss computed');
        chunkLoss = addTo(chunkLoss, perSeed);
        epochLoss = addTo(epochLoss, perSeed);
        (perSeed as tfjs.Tensor1D).dispose();
        chunkSteps++;
        step++;
        if (
          spec.check &&
          (step % spec.check.every === 0 || (epoch === spec.epochs - 1 && b === batches - 1))
        ) {
          if (await spec.check.fn(step / batches)) {
            if (epochLoss) lastEpochLoss = Array.from(await epochLoss.data(), (v) => v / (b + 1));
            return { cancelled: false, lastEpochLoss };
          }
          if (ctx.cancelled()) return { cancelled: true, lastEpochLoss };
        }
        if (performance.now() - chunkStart >= progressIntervalMs && chunkLoss) {
          const v = (await chunkLoss.data()) as Float32Array;
          const loss = v.reduce((a, c) => a + c, 0) / (S * chunkSteps);
          chunkLoss.dispose();
          chunkLoss = null;
          chunkSteps = 0;
          if (ctx.cancelled()) return { cancelled: true, lastEpochLoss };
          yield {
            kind: 'progress',
            phase: spec.phase,
            round: spec.round(),
            epoch: step / batches,
            epochs: spec.epochs,
            loss,
            elapsedMs: performance.now() - t0,
          };
          chunkStart = performance.now();
        }
      }
      if (epochLoss) {
        lastEpochLoss = Array.from(await epochLoss.data(), (v) => v / batches);
        epochLoss.dispose();
        epochLoss = null;
      }
    }
    return { cancelled: false, lastEpochLoss };
  } finally {
    chunkLoss?.dispose();
    epochLoss?.dispose();
    opt.dispose();
  }
}

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
  const d = data ?? (await loadFashionSubset(fetchArrayBuffer, defaultDataBaseUrl()));
  if (ctx.cancelled()) return;
  if (p.trainSize > d.trainY.length || p.testSize > d.testY.length)
    throw new Error(
      `invalid parameters: the data set has ${d.trainY.length} training and ${d.testY.length} test images`,
    );
  const S = p.seeds;
  const t0 = performance.now();
  const split = (x: Float32Array, y: Int32Array, n: number): Split =>
    tf.tidy(() => {
      const yt = tf.tensor1d(y.subarray(0, n), 'int32');
      return {
        x: tf.tensor2d(x.subarray(0, n * pixelsPerImage), [n, pixelsPerImage]),
        y: yt,
        onehot: tf.cast(tf.oneHot(yt, numClasses), 'float32') as tfjs.Tensor2D,
        n,
      };
    });
  const owned: tfjs.Tensor[] = [];
  let net: Net | null = null;
  let targets: tfjs.Tensor2D | null = null;
  try {
    const tr = split(d.trainX, d.trainY, p.trainSize);
    owned.push(tr.x, tr.y, tr.onehot);
    const te = split(d.testX, d.testY, p.testSize);
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
      net = initNet(tf, S, p.hidden, streamSeed(p.seed, 1, round));
      const end = yield* train(
        tf,
        ctx,
        p,
        net,
        tr,
        {
          phase: 'distill',
          round: () => round,
          epochs: p.epochs,
          targets: targets ?? y0All,
          shuffleSeed: streamSeed(p.seed, 2, round),
        },
        t0,
      );
      if (end.cancelled || ctx.cancelled()) return;
      const evTrain = await evaluate(tf, net, tr, S, round < p.rounds - 1);
      const evTest = await evaluate(tf, net, te, S, false);
      disposeNet(net);
      net = null;
      targets?.dispose();
      targets = evTrain.probs;
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
      const esNet = initNet(tf, S, p.hidden, streamSeed(p.seed, 3, 0));
      net = esNet;
      const batches = Math.ceil(p.trainSize / p.batchSize);
      const check: Checker = async (epochsDone) => {
        const ev = await evaluate(tf, esNet, tr, S, false);
        const hits: [number, number][] = [];
        for (let r = 0; r < R; r++)
          for (let s = 0; s < S; s++)
            if (stoppedLoss[r][s] === null && ev.l2[s] <= levels[r][s]) hits.push([r, s]);
        if (hits.length > 0) {
          const evT = await evaluate(tf, esNet, te, S, false);
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
      const end = yield* train(
        tf,
        ctx,
        p,
        esNet,
        tr,
        {
          phase: 'early-stop',
          round: () => stoppedLoss.filter((row) => row.some((v) => v === null)).length,
          epochs: maxEpochs,
          targets: y0All,
          shuffleSeed: streamSeed(p.seed, 4, 0),
          check: { every: Math.max(1, Math.round(batches / checksPerEpoch)), fn: check },
        },
        t0,
      );
      disposeNet(esNet);
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
    yield { kind: 'done', totalMs: performance.now() - t0, roundMs };
  } finally {
    if (net) disposeNet(net);
    targets?.dispose();
    owned.forEach((t) => t.dispose());
  }
}
