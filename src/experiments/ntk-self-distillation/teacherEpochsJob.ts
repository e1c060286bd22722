import type * as tfjs from '@tensorflow/tfjs-core';
import { numClasses, pixelsPerImage, type FashionSubset } from '../../data/fashionMnist';
import { fashionSubsetFor, splitRows, type Split } from '../../data/fashionTensors';
import type { JobContext } from '../../engine/job';
import { chainSeed } from '../../math/chainRng';
import { disposeMlp, initMlp, type Mlp } from '../../models/mlp';
import { evaluateMlp } from '../../models/mlpEvaluator';
import { trainOnTargets, type TrainProgress } from '../../models/trainOnTargets';
import type { Fig1Frame, Fig1ProgressFrame } from './frames';
import { teacherEpochList, type TeacherEpochsParams } from './teacherEpochsParams';

/**
 * Dong et al. Fig. 1 on the Fashion-MNIST subset: one wide MLP teacher per seed trained on the labels
 * (cross-entropy, Adam), its soft targets softmax(z/T) saved at five epoch counts; then, as ONE stacked
 * program, a narrow student per (teacher epochs, seed) distilled from those targets, and one per seed
 * from the labels alone (the baseline). Students of a seed share their initialisation.
 *
 * The student is trained by cross-entropy to softmax(z/T) at its own temperature 1: with a linear output
 * layer, softmax(z_s/T) is the same family of functions, so only the scale of the fit differs.
 */

const lr = 1e-3;
const L = numClasses;

/** Per network: accuracy on a split, and (optionally) softmax(z/τ) into `soft` [S·n·L] with its mean entropy. */
async function evaluate(
  tf: typeof tfjs,
  net: Mlp,
  d: Split,
  soft?: { tau: number; out: Float32Array },
): Promise<{ acc: number[]; entropy: number[] }> {
  const S = net.w1.shape[0];
  const { acc } = await evaluateMlp(tf, net, d, {
    output: soft && { of: (c) => tf.softmax(tf.div(c.logits, soft.tau)), into: soft.out },
  });
  const entropy = new Array<number>(S).fill(NaN);
  if (soft) {
    const v = soft.out;
    for (let s = 0; s < S; s++) {
      let h = 0;
      for (let i = s * d.n * L; i < (s + 1) * d.n * L; i++) if (v[i] > 0) h -= v[i] * Math.log(v[i]);
      entropy[s] = h / d.n;
    }
  }
  return { acc, entropy };
}

/** `times` copies of a seed-stacked network, stacked again: network k·seeds + s starts as seed s. */
function tiled(tf: typeof tfjs, base: Mlp, times: number): Mlp {
  const tile = (v: tfjs.Variable<tfjs.Rank.R3>) => {
    const t = tf.tile(v, [times, 1, 1]) as tfjs.Tensor3D;
    const copy = tf.variable(t);
    t.dispose();
    return copy;
  };
  return { w1: tile(base.w1), b1: tile(base.b1), w2: tile(base.w2), b2: tile(base.b2) };
}

/** Finished runs kept in ctx.memo (their frames, by params): moving another NTK slider must not retrain Fig. 1. */
const keptRuns = 4;

/** Frames: fig1-start, fig1-progress… (teachers), fig1-teachers, fig1-progress… (students), fig1-students. */
export async function* teacherEpochsJob(
  p: TeacherEpochsParams,
  ctx: JobContext,
  data?: FashionSubset,
): AsyncGenerator<Fig1Frame, void, void> {
  const key = 'ntk-fig1:' + JSON.stringify(p);
  const cached = ctx.memo.get<Fig1Frame[]>(key);
  if (cached) {
    yield* cached;
    return;
  }
  const tf = ctx.tf;
  const t0 = performance.now();
  const d = await fashionSubsetFor(p.trainSize, p.testSize, data);
  if (ctx.cancelled()) return;
  const epochsAt = teacherEpochList(p.maxEpochs);
  const K = epochsAt.length;
  const S = p.seeds;
  const N = p.trainSize;
  const train = splitRows(tf, d.trainX, d.trainY, 0, N);
  const test = splitRows(tf, d.testX, d.testY, 0, p.testSize);
  const kept: Fig1Frame[] = [];
  const emit = (f: Fig1Frame) => (kept.push(f), f);
  let teacher: Mlp | null = null;
  let studentInit: Mlp | null = null;
  let students: Mlp | null = null;
  let targets: tfjs.Tensor2D | null = null;
  let labels: tfjs.Tensor2D | null = null;
  try {
    yield emit({ kind: 'fig1-start', teacherEpochs: epochsAt, seeds: S, trainSize: N, testSize: test.n });
    const progress =
      (phase: Fig1ProgressFrame['phase'], epochs: number) =>
      (r: TrainProgress): Fig1ProgressFrame => ({ kind: 'fig1-progress', phase, epochs, ...r });

    // ── teachers: one continuous run per seed, snapshots of the soft targets at the five epoch counts
    teacher = initMlp(tf, { seeds: S, inputs: pixelsPerImage, hidden: p.teacherHidden, outputs: L }, p.seed);
    const net = teacher;
    // [teacher k][seed s][row][class], then the labels' one-hot rows per seed: the students' targets
    const soft = new Float32Array((K + 1) * S * N * L);
    const tAcc: number[][] = [];
    const tTrain: number[][] = [];
    const tEntropy: number[][] = [];
    const batches = Math.ceil(N / p.batchSize);
    const end = yield* trainOnTargets(
      tf,
      net,
      train.x,
      (labels = tf.tile(train.onehot, [S, 1])),
      {
        seeds: S,
        epochs: p.maxEpochs,
        batchSize: p.batchSize,
        lr,
        loss: 'ce',
        shuffleSeed: chainSeed(p.seed, 2),
        cancelled: ctx.cancelled,
        check: {
          every: batches,
          fn: async (epochsDone) => {
            const k = epochsAt.indexOf(Math.round(epochsDone));
            if (k < 0 || tAcc.length > k) return false;
            const out = soft.subarray(k * S * N * L, (k + 1) * S * N * L);
            const tr = await evaluate(tf, net, train, { tau: p.temperature, out });
            tAcc.push((await evaluate(tf, net, test)).acc);
            tTrain.push(tr.acc);
            tEntropy.push(tr.entropy);
            return false;
          },
        },
      },
      progress('teachers', p.maxEpochs),
    );
    if (end.cancelled || ctx.cancelled()) return;
    const onehot = await train.onehot.data();
    for (let s = 0; s < S; s++) soft.set(onehot, (K * S + s) * N * L);
    disposeMlp(teacher);
    teacher = null;
    yield emit({
      kind: 'fig1-teachers',
      teacherEpochs: epochsAt,
      trainAcc: tTrain,
      testAcc: tAcc,
      targetEntropy: tEntropy,
      ms: performance.now() - t0,
    });

    // ── students: (K teachers + the labels) × seeds, one stacked network
    studentInit = initMlp(
      tf,
      { seeds: S, inputs: pixelsPerImage, hidden: p.studentHidden, outputs: L },
      chainSeed(p.seed, 3),
    );
    students = tiled(tf, studentInit, K + 1);
    disposeMlp(studentInit);
    studentInit = null;
    targets = tf.tensor2d(soft, [(K + 1) * S * N, L]);
    const sEnd = yield* trainOnTargets(
      tf,
      students,
      train.x,
      targets,
      {
        seeds: (K + 1) * S,
        epochs: p.studentEpochs,
        batchSize: p.batchSize,
        lr,
        loss: 'ce',
        shuffleSeed: chainSeed(p.seed, 4),
        cancelled: ctx.cancelled,
      },
      progress('students', p.studentEpochs),
    );
    if (sEnd.cancelled || ctx.cancelled()) return;
    const te = (await evaluate(tf, students, test)).acc;
    const tr = (await evaluate(tf, students, train)).acc;
    const grid = (v: number[]) => epochsAt.map((_, k) => v.slice(k * S, (k + 1) * S));
    yield emit({
      kind: 'fig1-students',
      testAcc: grid(te),
      trainAcc: grid(tr),
      labelsTestAcc: te.slice(K * S),
      ms: performance.now() - t0,
    });
    ctx.memo.set(
      key,
      kept.filter((f) => f.kind !== 'fig1-progress'),
      { maxEntries: keptRuns },
    );
  } finally {
    if (teacher) disposeMlp(teacher);
    if (studentInit) disposeMlp(studentInit);
    if (students) disposeMlp(students);
    targets?.dispose();
    labels?.dispose();
    [train, test].forEach((s) => [s.x, s.y, s.onehot].forEach((t) => t.dispose()));
  }
}
