import type * as tfjs from '@tensorflow/tfjs-core';
import { chainSeed, indexOf, xorshift32 } from '../math/chainRng';
import { softmaxLossWithGrad, type Mlp, type SoftmaxLoss } from './mlp';
import { mlpTrainer, SideBySideTrainer, type MlpTrainer } from './mlpTrainer';
import { heapTargetStep } from './heapTargetStep';
import { wasmHeap } from './wasmHeap';
import { RowSource } from './rowSource';
import { breathe } from '../engine/breathe';
import { adam, HeapAdam, type AdamOptimizer } from './heapAdam';

/**
 * The teacher → student step of distillation: train a batched (seed-stacked) MLP on given targets —
 * labels, or a teacher's softmax outputs — with minibatch Adam for a number of epochs.
 *
 * Optimiser: Adam (tf.train.adam, fused on wasm: heapAdam.ts; a fresh one per network). With the ℓ2 loss between softmax and
 * targets, gradients vanish where the softmax saturates, and plain SGD needs a per-setting learning rate;
 * Adam trains both losses well with lr ≈ 1e-3 and has no extra hyper-parameter to expose.
 *
 * Batching: every seed its own minibatch (an input group of mlpTrainer.ts, rows picked by RowSource); the
 * loss is the sum over seeds of each seed's batch-mean loss, so every seed gets exactly its own gradient
 * (Adam is elementwise, so the seeds stay independent). The net's variables hold the trained weights
 * whenever a check runs and when training ends.
 */

type Tf = typeof tfjs;

/** A progress report, at most one every ~100 ms of work, so pause and cancel stay responsive. */
export interface TrainProgress {
  /** epochs done so far (fractional) */
  epoch: number;
  /** the training objective, mean over seeds and over the minibatches since the previous report */
  loss: number;
}

/** What a training run reports back when it ends. */
export interface TrainEnd {
  cancelled: boolean;
  /** per seed: mean training objective over the last epoch's minibatches */
  lastEpochLoss: number[];
}

export interface TrainOptions {
  seeds: number;
  epochs: number;
  batchSize: number;
  lr: number;
  loss: SoftmaxLoss;
  /** seeds each seed's minibatch order (xorshift32, without replacement within an epoch) */
  shuffleSeed: number;
  /** called every `every` steps and after the last one, with the epochs done; true ends the run */
  check?: { every: number; fn: (epochsDone: number) => Promise<boolean> };
  cancelled: () => boolean;
}

const progressIntervalMs = 100;

/**
 * One minibatch step: network s trains on rows ix[s·B … s·B + B − 1] of x and rows it[…] of the
 * targets (B = ix.length / S), the loss the sum over networks of each one's batch mean, and `opt` updates
 * the trainer's variables. Returns the per-network losses [S] (the caller disposes them).
 */
export function targetStep(
  tf: Tf,
  trainer: MlpTrainer,
  opt: AdamOptimizer,
  x: RowSource,
  targets: RowSource,
  ix: Int32Array,
  it: Int32Array,
  loss: SoftmaxLoss,
): tfjs.Tensor1D {
  const S = trainer.seeds;
  const rows = ix.length / S;
  // HeapAdam exists on wasm only, where the host-side layout's step runs fused
  if (opt instanceof HeapAdam && trainer instanceof SideBySideTrainer) {
    const heap = wasmHeap(tf);
    if (heap) return heapTargetStep(tf, heap, trainer, opt, x, targets, ix, it, loss);
  }
  return tf.tidy(() => {
    const pass = trainer.forward(trainer.batch(x, ix));
    const tb = targets.take<tfjs.Rank.R3>(it, [S, rows, targets.cols]);
    const { loss: perSeed, dLogits } = softmaxLossWithGrad(tf, loss, pass.logits, tb);
    const grads = trainer.backward(pass, dLogits);
    if (opt instanceof HeapAdam) opt.update(trainer.variables, grads);
    else trainer.apply(opt, grads);
    return perSeed;
  });
}

/**
 * Trains `net` in place on x [N, inputs] and targets [S·N, outputs] (seed-major), yielding
 * `toFrame(progress)` as it goes and returning how it ended.
 */
export async function* trainOnTargets<F>(
  tf: Tf,
  net: Mlp,
  x: tfjs.Tensor2D,
  targets: tfjs.Tensor2D,
  o: TrainOptions,
  toFrame: (p: TrainProgress) => F,
): AsyncGenerator<F, TrainEnd, void> {
  const S = o.seeds;
  const N = x.shape[0];
  const B = o.batchSize;
  const batches = Math.ceil(N / B);
  const opt = adam(tf, o.lr);
  // every network its own minibatch: S input groups
  const trainer = mlpTrainer(tf, net, S);
  const xRows = new RowSource(tf, x);
  const tRows = new RowSource(tf, targets);
  const perm = Array.from({ length: S }, () => Int32Array.from({ length: N }, (_, i) => i));
  const rng = Int32Array.from({ length: S }, (_, s) => chainSeed(o.shuffleSeed, s) | 0);
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
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let s = 0; s < S; s++) {
        const a = perm[s];
        let state = rng[s];
        for (let i = N - 1; i > 0; i--) {
          state = xorshift32(state);
          const j = indexOf(state >>> 0, i + 1);
          const t = a[i];
          a[i] = a[j];
          a[j] = t;
        }
        rng[s] = state;
      }
      for (let b = 0; b < batches; b++) {
        await breathe();
        if (o.cancelled()) return { cancelled: true, lastEpochLoss };
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
        const perSeed = targetStep(tf, trainer, opt, xRows, tRows, ix, it, o.loss);
        chunkLoss = addTo(chunkLoss, perSeed);
        epochLoss = addTo(epochLoss, perSeed);
        perSeed.dispose();
        chunkSteps++;
        step++;
        if (o.check && (step % o.check.every === 0 || (epoch === o.epochs - 1 && b === batches - 1))) {
          trainer.writeBack();
          if (await o.check.fn(step / batches)) {
            if (epochLoss) lastEpochLoss = Array.from(await epochLoss.data(), (v) => v / (b + 1));
            return { cancelled: false, lastEpochLoss };
          }
          if (o.cancelled()) return { cancelled: true, lastEpochLoss };
        }
        if (performance.now() - chunkStart >= progressIntervalMs && chunkLoss) {
          const v = (await chunkLoss.data()) as Float32Array;
          const loss = v.reduce((a, c) => a + c, 0) / (S * chunkSteps);
          chunkLoss.dispose();
          chunkLoss = null;
          chunkSteps = 0;
          if (o.cancelled()) return { cancelled: true, lastEpochLoss };
          yield toFrame({ epoch: step / batches, loss });
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
    trainer.writeBack();
    trainer.dispose();
    chunkLoss?.dispose();
    epochLoss?.dispose();
    opt.dispose();
  }
}
