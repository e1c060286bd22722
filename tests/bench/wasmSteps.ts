/**
 * Issue 19: ms per training step of the CPU workloads at their page defaults, on tfjs-wasm in Node
 * (BACKEND=cpu: tfjs-cpu), before (the batched formulations kept in tests/reference/batchedSteps.ts) and
 * after (the jobs' own step code), each against the bare matmuls of its step: the BatchMatMul kernels the
 * step runs (autodiff's included), recorded by wrapping the kernel and replayed alone on fresh operands:
 * a right operand new in each step is a new tensor in each replay, so XNNPACK packs it each time as it
 * must in the step (a constant one the step keeps is kept). Every
 * number of a run comes from that run.
 *
 *   npx tsx tests/bench/wasmSteps.ts            # a table, then one JSON line
 *   OUT_JSON=file npx tsx tests/bench/wasmSteps.ts
 *   WASM_STEPS_ONLY=kernel npx tsx tests/bench/wasmSteps.ts   # only the workloads whose name matches
 *
 * Steps exclude what the jobs do between them on the host (shuffles, the noisy targets' draws, progress
 * readbacks) but include building the minibatch. Sizes: the page defaults of each experiment's params.ts.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { pixelsPerImage, numClasses } from '../../src/data/fashionMnist';
import { makeProblem } from '../../src/experiments/kernel-distillation/data';
import { BatchNets, type BatchSpec } from '../../src/experiments/kernel-distillation/nets';
import { defaultParams as kdDefaults } from '../../src/experiments/kernel-distillation/params';
import { netData } from '../../src/experiments/kernel-distillation/teacher';
import {
  defaultParams as hilbertDefaults,
  nnJobParams,
} from '../../src/experiments/hilbert-self-distillation/params';
import { studentStep } from '../../src/experiments/noisy-self-distillation/job';
import {
  fig1Defaults,
  fig1JobParams,
  teacherEpochList,
} from '../../src/experiments/ntk-self-distillation/teacherEpochsParams';
import {
  defaultParams as noisyDefaults,
  jobParams as noisyJobParams,
  trainSplitSize,
} from '../../src/experiments/noisy-self-distillation/params';
import { disposeMlp, initMlp, type Mlp, type SoftmaxLoss } from '../../src/models/mlp';
import { mlpTrainer } from '../../src/models/mlpTrainer';
import { RowSource } from '../../src/models/rowSource';
import { adam } from '../../src/models/heapAdam';
import { targetStep } from '../../src/models/trainOnTargets';
import { seededNormal } from '../../src/math/rng';
import { BatchedKdNets, batchedNoisyStep, batchedTargetStep } from '../reference/batchedSteps';

const backend = process.env.BACKEND ?? 'wasm';
// TFJS_WASM_DIR: where the .wasm binaries are, for a bundled copy run without node_modules
setWasmPaths(
  process.env.TFJS_WASM_DIR ?? `${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`,
);

/** One workload: its old and new step, each a closure over its own state, and what frees that state. */
interface Workload {
  name: string;
  sizes: string;
  before: () => void;
  after: () => void;
  dispose: () => void;
}

interface MatMulCall {
  a: number[];
  b: number[];
  /** the right operand's storage: the same in two steps when the step multiplies by a constant */
  bData: object;
  transposeA: boolean;
  transposeB: boolean;
}

// Record every BatchMatMul the backend runs while `recording` is set (autodiff's products included).
let recording: MatMulCall[] | null = null;
function recordMatMuls() {
  const kernel = tf.getKernel('BatchMatMul', backend);
  if (!kernel) throw new Error(`no BatchMatMul kernel on ${backend}`);
  tf.unregisterKernel('BatchMatMul', backend);
  tf.registerKernel({
    ...kernel,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      recording?.push({ a: [...a.shape], b: [...b.shape], bData: b.dataId, transposeA, transposeB });
      return kernel.kernelFunc(args);
    },
  });
}

/**
 * ms per call of each f: `rounds` rounds, each timing a block of `reps` calls of every f in turn, after a
 * warm-up; the fastest block of each. On a machine shared with other jobs a block only ever gets slower,
 * so the minimum is the estimate least moved by them (and the interleaving hits the fs alike).
 */
function msPer(fs: (() => void)[], reps: number, rounds = 9): number[] {
  for (const f of fs) for (let i = 0; i < Math.max(3, reps / 4); i++) f();
  const t = fs.map(() => [] as number[]);
  for (let k = 0; k < rounds; k++)
    fs.forEach((f, j) => {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) f();
      t[j].push((performance.now() - t0) / reps);
    });
  return t.map((v) => Math.min(...v));
}

/**
 * The products one call of `step` runs, and a replay of them alone on fresh operands (`reps` sets, the
 * right operands new tensors in every replay, so every product packs its right operand as in the
 * step), except a right operand the step keeps from one step to the next (a constant input): the
 * replay keeps that one too, so XNNPACK packs it once, as in the step.
 */
function bareMatMuls(
  step: () => void,
  reps: number,
): { calls: MatMulCall[]; replay: () => void; dispose: () => void } {
  recording = [];
  step();
  const calls = recording;
  recording = [];
  step();
  const again: MatMulCall[] = recording;
  recording = null;
  // A right operand that is new in the step is a new tensor in the replay too, made from host values
  // (as the step makes its batches): XNNPACK caches its packing by tensor, so a pooled one would be
  // packed in the first round only.
  const pools = calls.map((c, j) => {
    const kept = again[j]?.bData === c.bData ? tf.randomNormal(c.b) : null;
    const size = c.b.reduce((p, q) => p * q, 1);
    return Array.from({ length: reps }, (_, r) => ({
      a: tf.randomNormal(c.a),
      b: kept ?? uniform(size, 100 + r),
    }));
  });
  let i = 0;
  const replay = () => {
    calls.forEach((c, j) => {
      const { a, b } = pools[j][i % reps];
      const bt = b instanceof Float32Array ? tf.tensor(b, c.b) : b;
      tf.matMul(a, bt, c.transposeA, c.transposeB).dispose();
      if (bt !== b) bt.dispose();
    });
    i++;
  };
  const tensors = pools.flat().flatMap(({ a, b }) => (b instanceof Float32Array ? [a] : [a, b]));
  return { calls, replay, dispose: () => new Set(tensors).forEach((t) => t.dispose()) };
}

const uniform = (k: number, seed: number) => {
  let s = seed >>> 0 || 1;
  return Float32Array.from({ length: k }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  });
};

/** A random order of 0…N−1 per seed, cycled through minibatch by minibatch. */
function batches(N: number, seeds: number, B: number) {
  const perm = Array.from({ length: seeds }, (_, s) => {
    const u = uniform(N, 7 + s);
    return Int32Array.from({ length: N }, (_, i) => i).sort((i, j) => u[i] - u[j]);
  });
  let b = 0;
  return () => {
    const lo = (b++ * B) % (N - B + 1);
    return (s: number, r: number) => perm[s][lo + r];
  };
}

/** The noisy students (and, with `teacher`, their teacher trained by trainOnTargets) at the page defaults. */
function noisyStudents(): Workload {
  const p = noisyJobParams(noisyDefaults);
  const seeds = p.seeds;
  const S = p.runs.length * seeds;
  const N = trainSplitSize(p.trainSize);
  const B = p.batchSize;
  const x = tf.tensor2d(uniform(N * pixelsPerImage, 1), [N, pixelsPerImage]);
  const rows = new RowSource(tf, x);
  const shape = { seeds: S, inputs: pixelsPerImage, hidden: p.hidden, outputs: numClasses };
  const nets = [initMlp(tf, shape, 3), initMlp(tf, shape, 3)];
  const trainer = mlpTrainer(tf, nets[1], seeds);
  const opts = [tf.train.sgd(p.lr), tf.train.sgd(p.lr)];
  const targets = Array.from({ length: 8 }, (_, k) =>
    uniform(S * B * numClasses, 100 + k).map((v) => 4 * v - 2),
  );
  const next = [batches(N, seeds, B), batches(N, seeds, B)];
  let k = 0;
  return {
    name: 'noisy students',
    sizes: `${p.runs.length} runs × ${seeds} seeds = ${S} nets, 784–${p.hidden}–10, B = ${B}, SGD`,
    before: () => {
      const row = next[0]();
      const ix = Int32Array.from({ length: S * B }, (_, j) => row(Math.floor(j / B) % seeds, j % B));
      batchedNoisyStep(tf, nets[0], opts[0], x, ix, targets[k++ % 8]).dispose();
    },
    after: () => {
      const row = next[1]();
      const ix = Int32Array.from({ length: seeds * B }, (_, j) => row(Math.floor(j / B), j % B));
      studentStep(tf, trainer, opts[1], rows, ix, targets[k++ % 8]).dispose();
    },
    dispose: () => {
      trainer.dispose();
      nets.forEach(disposeMlp);
      opts.forEach((o) => o.dispose());
      x.dispose();
    },
  };
}

/** trainOnTargets's minibatch Adam step: the Hilbert rounds (and the noisy teacher) at their page defaults. */
function targetsWorkload(
  name: string,
  S: number,
  hidden: number,
  B: number,
  N: number,
  lr: number,
  loss: SoftmaxLoss,
): Workload {
  const x = tf.tensor2d(uniform(N * pixelsPerImage, 2), [N, pixelsPerImage]);
  const targets = tf.tidy(() => tf.softmax(tf.tensor2d(uniform(S * N * numClasses, 3), [S * N, numClasses])));
  const [xRows, tRows] = [new RowSource(tf, x), new RowSource(tf, targets as tf.Tensor2D)];
  const shape = { seeds: S, inputs: pixelsPerImage, hidden, outputs: numClasses };
  const nets: Mlp[] = [initMlp(tf, shape, 5), initMlp(tf, shape, 5)];
  const trainer = mlpTrainer(tf, nets[1], S);
  // "after" with the jobs' own Adam: fused on wasm (src/models/heapAdam.ts)
  const opts = [tf.train.adam(lr), adam(tf, lr)] as const;
  const next = [batches(N, S, B), batches(N, S, B)];
  const indices = (row: (s: number, r: number) => number) => {
    const ix = Int32Array.from({ length: S * B }, (_, j) => row(Math.floor(j / B), j % B));
    return [ix, ix.map((i, j) => Math.floor(j / B) * N + i)];
  };
  return {
    name,
    sizes: `${S} seed(s), 784–${hidden}–10, B = ${B}, Adam, ${loss}`,
    before: () => {
      const [ix, it] = indices(next[0]());
      batchedTargetStep(tf, nets[0], opts[0], x, targets as tf.Tensor2D, ix, it, S, loss).dispose();
    },
    after: () => {
      const [ix, it] = indices(next[1]());
      targetStep(tf, trainer, opts[1], xRows, tRows, ix, it, loss).dispose();
    },
    dispose: () => {
      trainer.dispose();
      nets.forEach(disposeMlp);
      opts.forEach((o) => o.dispose());
      [x, targets].forEach((t) => t.dispose());
    },
  };
}

/** The kernel-regime nets at the page defaults: the seven students, or the teacher. */
function kernelNets(name: string, runs: number, m: number): Workload {
  const pr = makeProblem(kdDefaults, null);
  const normal = seededNormal(4);
  const v = (k: number, s: number) => Float32Array.from({ length: k }, () => s * normal());
  const spec: BatchSpec = {
    runs,
    m,
    activation: kdDefaults.activation,
    ...netData(pr),
    a: Float32Array.from({ length: runs * m }, (_, i) => (i % 2 ? 1 : -1)),
    lam: Float32Array.from({ length: runs }, (_, r) => (r === 0 ? 0 : 0.01 * 10 ** r)),
    eta: Float32Array.from({ length: runs }, () => 0.01),
    phi: v(runs * pr.n * m, 0.1),
    W0: v(runs * pr.d * m, kdDefaults.initScale),
  };
  const nets = new BatchNets(tf, spec);
  const ref = new BatchedKdNets(tf, spec);
  return {
    name,
    sizes: `${runs} run(s), n = ${pr.n}, d = ${pr.d}, m = ${m}, ${kdDefaults.activation}, full-batch GD`,
    before: () => ref.step(),
    after: () => nets.step(),
    dispose: () => {
      nets.dispose();
      ref.dispose();
    },
  };
}

async function main() {
  if (!(await tf.setBackend(backend))) throw new Error(`no ${backend} backend`);
  await tf.ready();
  recordMatMuls();
  const hp = nnJobParams(hilbertDefaults);
  const np = noisyJobParams(noisyDefaults);
  const f1 = fig1JobParams({ ...fig1Defaults, seed: 1 });
  const workloads: [() => Workload, number][] = [
    [noisyStudents, 20],
    [
      () =>
        targetsWorkload('Hilbert nn round', hp.seeds, hp.hidden, hp.batchSize, hp.trainSize, hp.lr, hp.loss),
      20,
    ],
    [
      () =>
        targetsWorkload(
          'noisy teacher',
          1,
          np.hidden,
          np.batchSize,
          trainSplitSize(np.trainSize),
          1e-3,
          'ce',
        ),
      20,
    ],
    // trainOnTargets's other user, not a target of issue 19: NTK Fig. 1's (5 teachers + labels) × seeds students
    [
      () =>
        targetsWorkload(
          'NTK Fig. 1 students',
          (teacherEpochList(f1.maxEpochs).length + 1) * f1.seeds,
          f1.studentHidden,
          f1.batchSize,
          f1.trainSize,
          1e-3,
          'ce',
        ),
      20,
    ],
    [() => kernelNets('kernel students', 7, kdDefaults.studentWidth), 200],
    [() => kernelNets('kernel teacher', 1, kdDefaults.teacherWidth), 200],
  ];
  const rows = [];
  // WASM_STEPS_ONLY=<regex>: only the workloads whose name matches (a quick A/B of one step)
  const only = process.env.WASM_STEPS_ONLY ? new RegExp(process.env.WASM_STEPS_ONLY) : null;
  for (const [make, reps] of workloads) {
    const w = make();
    if (only && !only.test(w.name)) {
      w.dispose();
      continue;
    }
    const bareBefore = bareMatMuls(w.before, reps);
    const bareAfter = bareMatMuls(w.after, reps);
    const [before, after, bareBeforeMs, bareAfterMs] = msPer(
      [w.before, w.after, bareBefore.replay, bareAfter.replay],
      reps,
    );
    [bareBefore, bareAfter, w].forEach((x) => x.dispose());
    rows.push({
      workload: w.name,
      sizes: w.sizes,
      beforeMs: before,
      afterMs: after,
      speedup: before / after,
      bareBeforeMs,
      bareAfterMs,
      beforeOverBare: before / bareBeforeMs,
      afterOverBare: after / bareAfterMs,
      products: {
        before: bareBefore.calls.length,
        after: bareAfter.calls.length,
        batchedOrTransposedAfter: bareAfter.calls.filter(
          (c) =>
            c.transposeA || c.transposeB || (c.a.length > 2 && c.a[0] > 1) || (c.b.length > 2 && c.b[0] > 1),
        ).length,
      },
    });
  }
  const f = (v: number) => v.toFixed(v < 10 ? 2 : 1);
  const load = os.loadavg().map((v) => v.toFixed(1));
  console.log(
    `tfjs-${backend} in Node ${process.version}, ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model}), load average ${load.join(' ')}`,
  );
  console.log(
    'workload             | before ms (bare) | after ms (bare) | speed-up | after / bare | before / bare',
  );
  for (const r of rows)
    console.log(
      `${r.workload.padEnd(20)} | ${f(r.beforeMs).padStart(7)} (${f(r.bareBeforeMs)}) | ${f(r.afterMs).padStart(6)} (${f(r.bareAfterMs)}) | ${f(r.speedup).padStart(7)}× | ${f(r.afterOverBare).padStart(11)}× | ${f(r.beforeOverBare).padStart(12)}×   ${r.sizes}`,
    );
  const json = JSON.stringify({ backend, cpus: os.cpus().length, loadAverage: os.loadavg(), rows });
  console.log(json);
  if (process.env.OUT_JSON) await writeFile(process.env.OUT_JSON, json);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
