import type * as tfjs from '@tensorflow/tfjs';
import { wasmHeap, type WasmHeap } from './wasmHeap';

/**
 * Adam as tf.train.adam computes it (β₁ = 0.9, β₂ = 0.999, ε the backend's, the same bias correction),
 * fused for tfjs-wasm: one loop per variable over its value and gradient in the wasm heap, updating the
 * value in place, with the moments in plain arrays. tf.train.adam spends ~13 elementwise ops per
 * variable a step; on the 100k weights of a 784–64–10 pair that was as long as the step's products.
 * In place is safe for the trainers' variables: a product's left operand, or batched (3-D) — XNNPACK
 * caches the packing of a 2-D product's right operand only.
 */
export class HeapAdam {
  private readonly m: Float32Array[] = [];
  private readonly v: Float32Array[] = [];
  private accBeta1 = 1;
  private accBeta2 = 1;

  private constructor(
    private readonly heap: WasmHeap,
    private readonly lr: number,
    private readonly epsilon: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
  ) {}

  /** The fused Adam when the backend in use is wasm, else null (use tf.train.adam). */
  static forBackend(tf: typeof tfjs, lr: number): HeapAdam | null {
    const heap = wasmHeap(tf);
    return heap ? new HeapAdam(heap, lr, tf.backend().epsilon()) : null;
  }

  /** Nothing to free: the moments are plain arrays (here for the tf.Optimizer it stands in for). */
  dispose(): void {}

  /** One update of `variables` by `grads` (same order, same shapes, float32). */
  update(variables: readonly tfjs.Variable[], grads: readonly tfjs.Tensor[]): void {
    const { beta1: b1, beta2: b2, lr, epsilon: eps } = this;
    this.accBeta1 *= b1;
    this.accBeta2 *= b2;
    const c1 = 1 - this.accBeta1;
    const c2 = 1 - this.accBeta2;
    variables.forEach((variable, i) => {
      const w = this.heap.typedArrayFromHeap(variable);
      const g = this.heap.typedArrayFromHeap(grads[i]);
      if (g.length !== w.length)
        throw new Error(`HeapAdam: gradient ${i} has ${g.length} values for ${w.length}`);
      const m = (this.m[i] ??= new Float32Array(w.length));
      const v = (this.v[i] ??= new Float32Array(w.length));
      for (let k = 0; k < w.length; k++) {
        const gk = g[k];
        const mk = b1 * m[k] + (1 - b1) * gk;
        const vk = b2 * v[k] + (1 - b2) * gk * gk;
        m[k] = mk;
        v[k] = vk;
        w[k] -= (lr * (mk / c1)) / (Math.sqrt(vk / c2) + eps);
      }
    });
  }
}

/** An Adam step: the fused one on wasm, else tf.train.adam. */
export type AdamOptimizer = HeapAdam | tfjs.Optimizer;

export const adam = (tf: typeof tfjs, lr: number): AdamOptimizer =>
  HeapAdam.forBackend(tf, lr) ?? tf.train.adam(lr);
