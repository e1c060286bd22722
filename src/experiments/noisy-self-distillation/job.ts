import type * as tfjs from '@tensorflow/tfjs-core';
import { numClasses, pixelsPerImage, type FashionSubset } from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import { chainSeed, indexOf, xorshift32 } from '../../math/chainRng';
import { swapVariance } from './math/logitNoise';
import { disposeMlp, initMlp, type Mlp } from '../../models/mlp';
import { mlpTrainer, type MlpTrainer } from '../../models/mlpTrainer';
import { RowSource } from '../../models/rowSource';
import { trainOnTargets, type TrainProgress } from '../../models/trainOnTargets';
import { fashionSubsetFor } from '../../data/fashionTensors';
import { disposeSplit, splits } from './data';
import { evaluateSplit } from './evaluator';
import type { JobParams, RunSpec } from './params';
import { NoisyTargets } from './targets';
import { breathe } from '../../engine/breathe';

/**
 * Noisy self-distillation of an MLP on Fashion-MNIST (Xiong et al., §5, Fig. 2–3): a teacher trained on the
 * labels (cross-entropy, Adam), its logits saved; then students of the same architecture, from a fresh
 * initialisation, trained by plain minibatch SGD on ½‖f(x) − ỹ‖² where ỹ is the teacher's logit vector
 * with fresh noise every iteration (targets.ts). SGD, not Adam: eq. (16)'s strength ησ²/B is a statement
 * about the SGD step. Every (noise level, seed) student is one slice of ONE stacked network (models/mlp.ts,
 * S = runs × seeds; the seeds share initialisation and batch order across levels), so a sweep is one
 * batched program.
 */

export interface StartFrame {
  kind: 'start';
  runs: RunSpec[];
  seeds: number;
  trainSize: number;
  valSize: number;
  testSize: number;
  backend: string;
}

export interface ProgressFrame {
  kind: 'progress';
  phase: 'teacher' | 'students';
  epoch: number;
  epochs: number;
  /** the training objective (teacher: cross-entropy; students: ½‖f − ỹ‖² to the noisy targets) */
  loss: number;
  elapsedMs: number;
}

export interface TeacherFrame {
  kind: 'teacher';
  trainAcc: number;
  valAcc: number;
  testAcc: number;
  /** training-set average of ‖∇_θ f(x_i, θ)‖² */
  gradNormSq: number;
  /**
   * per run: the σ² of its noise in eq. (16) — σ² itself (Gaussian), or the swap noise's variance around
   * eq. (21)'s mean, averaged over the training split's teacher logits and the L coordinates
   */
  noiseVariance: number[];
  ms: number;
}

/** Arrays [run][seed]; null where that student diverged (a non-finite or exploding metric). */
export interface CheckpointFrame {
  kind: 'checkpoint';
  epoch: number;
  elapsedMs: number;
  /** training-set average of ‖∇_θ f(x_i, θ)‖² (f = the logit vector, gradNorm.ts) */
  gradNormSq: (number | null)[][];
  /** mean ½‖f(x) − f_teacher(x)‖² on the training split and on the test set (Fig. 3) */
  trainLoss: (number | null)[][];
  testLoss: (number | null)[][];
  valAcc: (number | null)[][];
  testAcc: (number | null)[][];
}

export interface DoneFrame {
  kind: 'done';
  totalMs: number;
  teacherMs: number;
  studentMs: number;
  /** students (runs × seeds) trained per second of student training, evaluation included */
  studentsPerSec: number;
  /** from the start of the job to the first checkpoint with students trained (Fig. 2's first point) */
  firstPointMs: number;
}

export type NoisyFrame = StartFrame | ProgressFrame | TeacherFrame | CheckpointFrame | DoneFrame;

/** Teacher optimiser: Adam at the rate that trains this MLP well on cross-entropy (models/trainOnTargets). */
const teacherLr = 1e-3;
/** A metric above this (or not finite) marks a student as diverged. */
const divergedAbove = 1e9;
const progressIntervalMs = 100;

/** The swap noise's per-coordinate variance, averaged over the rows of `logits` [n·L]. */
function meanSwapVariance(logits: Float32Array, L: number, p: number): number {
  const n = logits.length / L;
  let v = 0;
  for (let i = 0; i < n; i++) v += swapVariance(Array.from(logits.subarray(i * L, (i + 1) * L)), p);
  return v / n;
}

/** Epochs after which the students are evaluated: 0, then up to 5 evenly spaced, the last one included. */
function checkpointEpochs(epochs: number): number[] {
  const n = Math.min(epochs, 5);
  return [0, ...Array.from({ length: n }, (_, i) => Math.round((epochs * (i + 1)) / n))];
}

/**
 * One SGD step of the students: network r·seeds + s trains on seed s's minibatch, rows
 * ix[s·B … s·B + B − 1] of x (an input group of the trainer, `seeds` groups: one first-layer product per
 * seed, shared by its runs), against its noisy targets [S,B,L]; cost Σ over networks of ½‖f − ỹ‖² / B,
 * so every network gets exactly its own gradient. Returns the cost.
 */
export function studentStep(
  tf: typeof tfjs,
  trainer: MlpTrainer,
  opt: tfjs.Optimizer,
  x: RowSource,
  ix: Int32Array,
  targets: Float32Array,
): tfjs.Scalar {
  const S = trainer.seeds;
  const rows = ix.length / trainer.groups;
  return tf.tidy(() => {
    const pass = trainer.forward(trainer.batch(x, ix));
    const r = tf.sub(pass.logits, tf.tensor3d(targets, [S, rows, targets.length / (S * rows)]));
    // the gradient of ½‖f − ỹ‖² / B with respect to f: (f − ỹ) / B
    trainer.apply(opt, trainer.backward(pass, tf.div(r, rows)));
    return tf.div(tf.mul(0.5, tf.sum(tf.square(r))), rows) as tfjs.Scalar;
  });
}

/** The seeds' students, tiled over the runs: network r·seeds + s starts from seed s's initialisation. */
function tiledStudents(tf: typeof tfjs, runs: number, seeds: number, hidden: number, seed: number): Mlp {
  const base = initMlp(tf, { seeds, inputs: pixelsPerImage, hidden, outputs: numClasses }, seed);
  const tile = (v: tfjs.Variable<tfjs.Rank.R3>) => {
    const t = tf.tile(v, [runs, 1, 1]) as tfjs.Tensor3D;
    const copy = tf.variable(t); // a copy: the tiled value is disposed here
    t.dispose();
    return copy;
  };
  const net = { w1: tile(base.w1), b1: tile(base.b1), w2: tile(base.w2), b2: tile(base.b2) };
  disposeMlp(base);
  return net;
}

const grid = (v: number[], runs: number, seeds: number): (number | null)[][] =>
  Array.from({ length: runs }, (_, r) =>
    Array.from({ length: seeds }, (_, s) => {
      const x = v[r * seeds + s];
      return Number.isFinite(x) && Math.abs(x) < divergedAbove ? x : null;
    }),
  );

/**
 * Frames, in order: start; progress… (teacher); teacher; checkpoint (epoch 0); then progress… and a
 * checkpoint per evaluation epoch; done.
 * @param data the subset; loaded with fetch from the site's data/ folder when absent (browser)
 */
export async function* noisyDistillJob(
  p: JobParams,
  ctx: JobContext,
  data?: FashionSubset,
): AsyncGenerator<NoisyFrame, void, void> {
  const tf = ctx.tf;
  const t0 = performance.now();
  const d = await fashionSubsetFor(p.trainSize, p.testSize, data);
  if (ctx.cancelled()) return;
  const R = p.runs.length;
  const seeds = p.seeds;
  const S = R * seeds;
  const L = numClasses;
  const sp = splits(tf, d, p.trainSize, p.testSize);
  const N = sp.train.n;
  const owned: tfjs.Tensor[] = [];
  let teacher: Mlp | null = null;
  let students: Mlp | null = null;
  let trainer: MlpTrainer | null = null;
  let opt: tfjs.Optimizer | null = null;
  let lossSum: tfjs.Scalar | null = null;
  try {
    yield {
      kind: 'start',
      runs: p.runs,
      seeds,
      trainSize: N,
      valSize: sp.val.n,
      testSize: sp.test.n,
      backend: ctx.backend,
    };

    // ── teacher: cross-entropy on the labels of the training split
    teacher = initMlp(
      tf,
      { seeds: 1, inputs: pixelsPerImage, hidden: p.hidden, outputs: L },
      chainSeed(p.seed, 1),
    );
    const progress =
      (phase: ProgressFrame['phase'], epochs: number) =>
      (r: TrainProgress): ProgressFrame => ({
        kind: 'progress',
        phase,
        epoch: r.epoch,
        epochs,
        loss: r.loss,
        elapsedMs: performance.now() - t0,
      });
    const tEnd = yield* trainOnTargets(
      tf,
      teacher,
      sp.train.x,
      sp.train.onehot,
      {
        seeds: 1,
        epochs: p.teacherEpochs,
        batchSize: p.batchSize,
        lr: teacherLr,
        loss: 'ce',
        shuffleSeed: chainSeed(p.seed, 2),
        cancelled: ctx.cancelled,
      },
      progress('teacher', p.teacherEpochs),
    );
    if (tEnd.cancelled || ctx.cancelled()) return;
    const trainLogits = new Float32Array(N * L);
    const testLogits = new Float32Array(sp.test.n * L);
    const c = ctx.cancelled;
    const evTrain = await evaluateSplit(tf, teacher, sp.train, null, trainLogits, c);
    const evVal = await evaluateSplit(tf, teacher, sp.val, null, undefined, c);
    const evTest = await evaluateSplit(tf, teacher, sp.test, null, testLogits, c);
    if (ctx.cancelled()) return;
    disposeMlp(teacher);
    teacher = null;
    const teacherTrain = tf.tensor2d(trainLogits, [N, L]);
    const teacherTest = tf.tensor2d(testLogits, [sp.test.n, L]);
    owned.push(teacherTrain, teacherTest);
    const teacherMs = performance.now() - t0;
    yield {
      kind: 'teacher',
      trainAcc: evTrain.acc[0],
      valAcc: evVal.acc[0],
      testAcc: evTest.acc[0],
      gradNormSq: evTrain.gradNormSq[0],
      noiseVariance: p.runs.map((r) =>
        r.noise === 'gaussian' ? r.level : meanSwapVariance(trainLogits, L, r.level),
      ),
      ms: teacherMs,
    };

    // ── students: SGD on the noisy teacher logits, every (run, seed) one slice of the stacked network
    const s0 = performance.now();
    students = tiledStudents(tf, R, seeds, p.hidden, chainSeed(p.seed, 3));
    const net = students;
    opt = tf.train.sgd(p.lr);
    const optimizer = opt;
    trainer = mlpTrainer(tf, net, seeds);
    const training = trainer;
    const xRows = new RowSource(tf, sp.train.x);
    const noisy = new NoisyTargets(trainLogits, L, p.runs, seeds, p.seed);
    let firstPointMs = NaN;
    const checkpoint = async (epoch: number): Promise<CheckpointFrame> => {
      training.writeBack();
      const c = ctx.cancelled;
      const tr = await evaluateSplit(tf, net, sp.train, teacherTrain, undefined, c);
      const va = await evaluateSplit(tf, net, sp.val, null, undefined, c);
      const te = await evaluateSplit(tf, net, sp.test, teacherTest, undefined, c);
      const elapsedMs = performance.now() - t0;
      if (epoch > 0 && Number.isNaN(firstPointMs)) firstPointMs = elapsedMs;
      return {
        kind: 'checkpoint',
        epoch,
        elapsedMs,
        gradNormSq: grid(tr.gradNormSq, R, seeds),
        trainLoss: grid(tr.distill ?? [], R, seeds),
        testLoss: grid(te.distill ?? [], R, seeds),
        valAcc: grid(va.acc, R, seeds),
        testAcc: grid(te.acc, R, seeds),
      };
    };
    yield await checkpoint(0);
    const evalAt = new Set(checkpointEpochs(p.epochs));
    // Each seed's minibatch order (xorshift32 Fisher–Yates), shared by every run of that seed.
    const perm = Array.from({ length: seeds }, () => Int32Array.from({ length: N }, (_, i) => i));
    const rng = Int32Array.from({ length: seeds }, (_, s) => chainSeed(p.seed, 10 + s) | 0);
    const B = p.batchSize;
    const batches = Math.ceil(N / B);
    let steps = 0;
    let reported = performance.now();
    for (let epoch = 1; epoch <= p.epochs; epoch++) {
      for (let s = 0; s < seeds; s++) {
        const a = perm[s];
        let state = rng[s];
        for (let i = N - 1; i > 0; i--) {
          state = xorshift32(state);
          const j = indexOf(state >>> 0, i + 1);
          [a[i], a[j]] = [a[j], a[i]];
        }
        rng[s] = state;
      }
      for (let b = 0; b < batches; b++) {
        await breathe();
        if (ctx.cancelled()) return;
        const lo = b * B;
        const rows = Math.min(B, N - lo);
        const ix = new Int32Array(seeds * rows);
        for (let s = 0; s < seeds; s++) for (let r = 0; r < rows; r++) ix[s * rows + r] = perm[s][lo + r];
        const targets = noisy.fill(rows, (s, r) => perm[s][lo + r]);
        const prev: tfjs.Scalar | null = lossSum;
        lossSum = tf.tidy(() => {
          const cost = studentStep(tf, training, optimizer, xRows, ix, targets);
          return prev ? (tf.add(prev, cost) as tfjs.Scalar) : cost;
        });
        prev?.dispose();
        steps++;
        if (performance.now() - reported >= progressIntervalMs && lossSum) {
          const loss = (await lossSum.data())[0] / (S * steps);
          lossSum.dispose();
          lossSum = null;
          steps = 0;
          if (ctx.cancelled()) return;
          yield {
            kind: 'progress',
            phase: 'students',
            epoch: epoch - 1 + (b + 1) / batches,
            epochs: p.epochs,
            loss,
            elapsedMs: performance.now() - t0,
          };
          reported = performance.now();
        }
      }
      if (evalAt.has(epoch)) {
        const f = await checkpoint(epoch);
        if (ctx.cancelled()) return;
        yield f;
      }
    }
    const studentMs = performance.now() - s0;
    yield {
      kind: 'done',
      totalMs: performance.now() - t0,
      teacherMs,
      studentMs,
      studentsPerSec: S / (studentMs / 1000),
      firstPointMs,
    };
  } finally {
    if (teacher) disposeMlp(teacher);
    trainer?.dispose();
    if (students) disposeMlp(students);
    opt?.dispose();
    (lossSum as tfjs.Scalar | null)?.dispose();
    owned.forEach((t) => t.dispose());
    [sp.train, sp.val, sp.test].forEach(disposeSplit);
  }
}
