import { breathe } from '../engine/breathe';
import type * as tfjs from '@tensorflow/tfjs-core';
import type { Split } from '../data/fashionTensors';
import { mlpLogits, type Mlp } from './mlp';

/**
 * The one evaluator of the seed-batched MLP (mlp.ts) on a data split: a forward pass over the split in
 * chunks of rows (bounding the [S, rows, hidden] activations), every network's accuracy on the split's
 * labels, any per-seed losses the caller defines on a chunk, and optionally a per-row output (logits,
 * softmax…) read back into an array. Every tensor it makes is disposed, also when it throws.
 */

/** Rows per chunk unless told: [S, 1000, hidden] activations. */
const defaultChunk = 1000;

/** One chunk of the split as a loss or output sees it (inside a tidy: intermediate tensors are freed). */
interface EvalChunk {
  /** the chunk's inputs [1, rows, inputs], broadcast over the networks */
  x: tfjs.Tensor3D;
  /** every network's logits [S, rows, outputs] */
  logits: tfjs.Tensor3D;
  /** the chunk's first row in the split and its number of rows (to slice labels or targets alike) */
  r0: number;
  rows: number;
}

export interface MlpEvalOptions<K extends string> {
  /** rows per chunk (default 1000) */
  chunk?: number;
  /** per-seed losses: each gives the sum over the chunk's rows [S]; reported as means over the split */
  losses?: Record<K, (c: EvalChunk) => tfjs.Tensor1D>;
  /** a per-row output [S, rows, C] of each chunk, read back into `into`: [S·n·C], seed-major */
  output?: { of: (c: EvalChunk) => tfjs.Tensor3D; into: Float32Array };
  /** checked between chunks: once true the evaluation stops early (its partial result is for discarding) */
  cancelled?: () => boolean;
}

export interface MlpEvaluation<K extends string> {
  /** per network: the fraction of rows whose largest logit is the label */
  acc: number[];
  /** per loss, per network: its mean over the split's rows */
  loss: Record<K, number[]>;
}

export async function evaluateMlp<K extends string = never>(
  tf: typeof tfjs,
  net: Mlp,
  d: Split,
  options: MlpEvalOptions<K> = {},
): Promise<MlpEvaluation<K>> {
  const S = net.w1.shape[0];
  const chunk = options.chunk ?? defaultChunk;
  const losses = options.losses;
  const names = Object.keys(losses ?? {}) as K[];
  let hits: tfjs.Tensor1D = tf.zeros([S]);
  let sums = names.map(() => tf.zeros([S]) as tfjs.Tensor1D);
  let out: tfjs.Tensor3D | null = null;
  try {
    for (let r0 = 0; r0 < d.n; r0 += chunk) {
      // tfjs-wasm runs ops as they are called: a split is seconds of work in one task unless it breathes
      await breathe();
      if (options.cancelled?.()) break;
      const rows = Math.min(chunk, d.n - r0);
      const [h, o, ...s] = tf.tidy(() => {
        // The inputs broadcast over the networks: [1,rows,inputs] against w1 [S,inputs,H].
        const x = tf.expandDims(tf.slice(d.x, [r0, 0], [rows, -1]), 0) as tfjs.Tensor3D;
        const logits = mlpLogits(tf, net, x);
        const c: EvalChunk = { x, logits, r0, rows };
        const hit = tf.cast(tf.equal(tf.argMax(logits, -1), tf.slice(d.y, [r0], [rows])), 'float32');
        return [
          tf.add(hits, tf.sum(hit, 1)),
          options.output?.of(c),
          ...names.map((k, i) => tf.add(sums[i], losses![k](c))),
        ];
      }) as [tfjs.Tensor1D, tfjs.Tensor3D | undefined, ...tfjs.Tensor1D[]];
      [hits, ...sums].forEach((t) => t.dispose());
      [hits, sums, out] = [h, s, o ?? null];
      if (out && options.output) {
        const C = out.shape[2];
        const v = (await out.data()) as Float32Array;
        for (let k = 0; k < S; k++)
          options.output.into.set(v.subarray(k * rows * C, (k + 1) * rows * C), (k * d.n + r0) * C);
        out.dispose();
        out = null;
      }
    }
    const [hv, ...sv] = await Promise.all([hits.data(), ...sums.map((t) => t.data())]);
    const mean = (v: ArrayLike<number>) => Array.from(v, (x) => x / d.n);
    return {
      acc: mean(hv),
      loss: Object.fromEntries(names.map((k, i) => [k, mean(sv[i])])) as Record<K, number[]>,
    };
  } finally {
    [hits, ...sums].forEach((t) => t.dispose());
    out?.dispose();
  }
}
