import type * as tfjs from '@tensorflow/tfjs-core';
import type { JobContext } from '../../engine/job';
import { empiricalNtk } from '../../models/twoLayer';

/**
 * The widths of the sweep: a fixed ladder plus the live network's width, up to what the backend
 * computes in reasonable time (16384 only on WebGPU). Sorted, no duplicates.
 */
export function sweepWidths(width: number, backend: JobContext['backend']): number[] {
  const maxWidth = backend === 'webgpu' ? 16384 : 4096;
  return [...new Set([64, 256, 1024, 4096, 16384, width])]
    .filter((w) => w <= Math.max(maxWidth, width))
    .sort((a, b) => a - b);
}

/** Distances kept in ctx.memo (one float each; the least recently used go first). */
const keptDistances = 256;

/**
 * The width sweep of the empirical NTK, ‖H_k − H∞‖_F/‖H∞‖_F with H_k = (XXᵀ) ⊙ (P Pᵀ)/k, P = 1[XWᵀ > 0],
 * for every k in `widths`, in order; null when the run was cancelled before all were known.
 * Kept in ctx.memo per (data, backend, seed, width): one distance per entry, stored only once it is
 * computed. So a new width list (the live width moved from 2048 to 512) gets the distances of exactly
 * its widths, computing only the new ones, and a cancelled or failed sweep leaves nothing half-done
 * behind: the next run computes what is missing. `dataKey` must identify X (and with it H∞) exactly.
 */
export async function widthSweep(
  ctx: JobContext,
  dataKey: string,
  X: number[][],
  hInf: number[][],
  widths: readonly number[],
  seed: number,
): Promise<number[] | null> {
  const keyOf = (k: number) => 'ntk-width:' + JSON.stringify([dataKey, ctx.backend, seed, k]);
  const got = new Map<number, number>();
  for (const k of widths) {
    const d = ctx.memo.get<number>(keyOf(k));
    if (d !== undefined) got.set(k, d);
  }
  const missing = widths.filter((k) => !got.has(k));
  if (missing.length > 0) {
    const tf = ctx.tf;
    const Xt = tf.tensor2d(X);
    const Hinf = tf.tensor2d(hInf);
    try {
      const normT = tf.norm(Hinf);
      const hinfNorm = (await normT.data())[0];
      normT.dispose();
      for (const k of missing) {
        if (ctx.cancelled()) return null;
        const dist = tf.tidy(() => {
          // W depends on (seed, k) only, so a width's distance does not depend on the rest of the list.
          const W = tf.randomNormal([X[0].length, k], 0, 1, 'float32', seed + k);
          return tf.norm(tf.sub(empiricalNtk(tf, Xt, W as tfjs.Tensor2D, 'relu'), Hinf));
        });
        const d = (await dist.data())[0] / hinfNorm;
        dist.dispose();
        // Cancelled while this width computed (the backend may be going away): keep nothing from it.
        if (ctx.cancelled()) return null;
        got.set(k, d);
        ctx.memo.set(keyOf(k), d, { maxEntries: keptDistances });
      }
    } finally {
      tf.dispose([Xt, Hinf]);
    }
  }
  return widths.map((k) => got.get(k)!);
}
