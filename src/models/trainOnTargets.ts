import type * as tfjs from '@tensorflow/tfjs';
import { chainSeed, indexOf, xorshift32 } from '../math/chainRng';
import { mlpLogits, mlpVariables, softmaxLossPerSeed, type Mlp, type SoftmaxLoss } from './mlp';

/**
 * The teacher → student step of distillation: train a batched (seed-stacked) MLP on given targets —
 * labels, or a teacher's softmax outputs — with minibatch Adam for a number of epochs.
 *
 * Optimiser: Adam (tf.train.adam, a fresh one per network). With the ℓ2 loss between softmax and
 * targets, gradients vanish where the softmax saturates, and plain SGD needs a per-setting learning rate;
 * Adam trains both losses well with lr ≈ 1e-3 and has no extra hyper-parameter to expose.
 *
 * Batching: a step gathers each seed's own minibatch into [S,B,inputs]; the loss is the sum over seeds of
 * each seed's batch-mean loss, so every seed gets exactly its own gradient (Adam is elementwise, so the
 * seeds stay independent).
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
  const [N, inputs] = x.shape;
  const outputs = targets.shape[1];
  const B = o.batchSize;
  const batches = Math.ceil(N / B);
  const opt = tf.train.adam(o.lr);
  const vars = mlpVariables(net);
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
        let perSeed: tfjs.Tensor1D | null = null;
        tf.tidy(() => {
          const cost = opt.minimize(
            () => {
              const xb = tf.reshape(tf.gather(x, tf.tensor1d(ix, 'int32')), [S, rows, inputs]);
              const tb = tf.reshape(tf.gather(targets, tf.tensor1d(it, 'int32')), [S, rows, outputs]);
              // keep(): the per-seed losses outlive minimize's internal tidy, for the progress report.
              perSeed = tf.keep(
                softmaxLossPerSeed(tf, o.loss, mlpLogits(tf, net, xb as tfjs.Tensor3D), tb as tfjs.Tensor3D),
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
        if (o.check && (step % o.check.every === 0 || (epoch === o.epochs - 1 && b === batches - 1))) {
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
    chunkLoss?.dispose();
    epochLoss?.dispose();
    opt.dispose();
  }
}
