import type * as tfjs from '@tensorflow/tfjs-core';
import { adamKernels, type AdamKernels } from './heapAdamSimd';
import { wasmHeap, wasmModule, type WasmHeap, type WasmModule } from './wasmHeap';

/**
 * Adam as tf.train.adam computes it (β₁ = 0.9, β₂ = 0.999, ε the backend's, the same bias correction),
 * fused for tfjs-wasm: one pass per variable over its value and gradient in the wasm heap, updating the
 * value in place. tf.train.adam spends ~13 elementwise ops per variable a step; on the 100k weights of a
 * 784–64–10 pair that was as long as the step's products. The pass is wasm SIMD (heapAdamSimd.wat, its
 * moments in the heap too) where the heap can be imported, else a JavaScript loop (moments in arrays);
 * the loop is bound by a root and a division per weight, which SIMD does four at a time in float32.
 * In place is safe for the trainers' variables: a product's left operand, or batched (3-D) — XNNPACK
 * caches the packing of a 2-D product's right operand only.
 */
export class HeapAdam {
  private readonly m: Float32Array[] = [];
  private readonly v: Float32Array[] = [];
  /** per variable: its moments m, v and a gradient copied from the host, [3 · size] in the heap */
  private readonly heapState: number[] = [];
  private accBeta1 = 1;
  private accBeta2 = 1;

  private constructor(
    private readonly heap: WasmHeap,
    private readonly simd: { mod: WasmModule; kernels: AdamKernels } | null,
    private readonly lr: number,
    private readonly epsilon: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
  ) {}

  /**
   * The fused Adam when the backend in use is wasm, else null (use tf.train.adam); `simd: false` keeps
   * the JavaScript loop (the tests compare the two).
   */
  static forBackend(tf: typeof tfjs, lr: number, { simd = true } = {}): HeapAdam | null {
    const heap = wasmHeap(tf);
    if (!heap) return null;
    const mod = simd ? wasmModule(tf) : null;
    const kernels = mod && adamKernels(mod.memory);
    return new HeapAdam(heap, mod && kernels ? { mod, kernels } : null, lr, tf.backend().epsilon());
  }

  /** Whether the update runs as wasm SIMD (else a JavaScript loop). */
  get usesSimd(): boolean {
    return this.simd !== null;
  }

  /** Frees the moments kept in the heap. */
  dispose(): void {
    if (this.simd) this.heapState.forEach((p) => this.simd?.mod.free(p));
    this.heapState.length = 0;
  }

  /**
   * One update of `variables` by `grads` (same order, same sizes, float32): tensors, values a fused step
   * computed on the host, or the transpose of a [cols, rows] tensor for a [rows, cols] variable (a fused
   * step's product that packs less when it computes the gradient transposed).
   */
  update(variables: readonly tfjs.Variable[], grads: readonly HeapGrad[]): void {
    const { beta1: b1, beta2: b2 } = this;
    this.accBeta1 *= b1;
    this.accBeta2 *= b2;
    // lr·m̂/(√v̂ + ε) with m̂ = m/c₁, v̂ = v/c₂ is s·m/(√v + e): one root and one division per weight
    // instead of three divisions
    const r2 = Math.sqrt(1 - this.accBeta2);
    const s = (this.lr * r2) / (1 - this.accBeta1);
    const e = this.epsilon * r2;
    variables.forEach((variable, i) => {
      const gi = grads[i];
      const gt = gi instanceof Float32Array ? null : 'transposeOf' in gi ? gi.transposeOf : gi;
      const size = variable.size;
      const gSize = gi instanceof Float32Array ? gi.length : (gt as tfjs.Tensor).size;
      if (gSize !== size) throw new Error(`HeapAdam: gradient ${i} has ${gSize} values for ${size}`);
      // the weights as rows × cols, weight (j, c) reading gradient (c, j); in order, one row of all
      const transposed = !(gi instanceof Float32Array) && 'transposeOf' in gi;
      let [rows, cols] = [1, size];
      if (transposed) {
        [cols, rows] = gi.transposeOf.shape;
        if (variable.shape.length !== 2 || variable.shape[0] !== rows)
          throw new Error(`HeapAdam: gradient ${i} is not the transpose of a [${variable.shape}] variable`);
      }
      if (this.simd) {
        const { mod, kernels } = this.simd;
        // allocate first: malloc may grow the heap, which detaches earlier views
        const st = (this.heapState[i] ??= zeroed(mod, 3 * size));
        const heap = mod.heapF32();
        const [mPtr, vPtr, hPtr] = [st, st + 4 * size, st + 8 * size];
        let gPtr = hPtr;
        if (gi instanceof Float32Array) heap.set(gi, hPtr / 4);
        else gPtr = this.heap.typedArrayFromHeap(gt as tfjs.Tensor).byteOffset;
        const wPtr = this.heap.typedArrayFromHeap(variable).byteOffset;
        if (transposed) kernels.adamTransposed(wPtr, gPtr, mPtr, vPtr, rows, cols, b1, b2, s, e);
        else kernels.adam(wPtr, gPtr, mPtr, vPtr, size, b1, b2, s, e);
        return;
      }
      const w = this.heap.typedArrayFromHeap(variable);
      const g = gi instanceof Float32Array ? gi : this.heap.typedArrayFromHeap(gt as tfjs.Tensor);
      const m = (this.m[i] ??= new Float32Array(size));
      const v = (this.v[i] ??= new Float32Array(size));
      const [a1, a2] = [1 - b1, 1 - b2];
      // transposed, row by row: ~10 % slower than in order (tiling was slower)
      for (let j = 0; j < rows; j++)
        for (let c = 0, gc = j, k = j * cols; c < cols; c++, gc += rows, k++) {
          const gk = g[gc];
          const mk = b1 * m[k] + a1 * gk;
          const vk = b2 * v[k] + a2 * gk * gk;
          m[k] = mk;
          v[k] = vk;
          w[k] -= (s * mk) / (Math.sqrt(vk) + e);
        }
    });
  }
}

/** A gradient for HeapAdam.update. */
export type HeapGrad = tfjs.Tensor | Float32Array | { transposeOf: tfjs.Tensor2D };

/** n floats of zeros in the heap. */
function zeroed(mod: WasmModule, n: number): number {
  const p = mod.malloc(4 * n);
  mod.heapF32().fill(0, p / 4, p / 4 + n);
  return p;
}

/** An Adam step: the fused one on wasm, else tf.train.adam. */
export type AdamOptimizer = HeapAdam | tfjs.Optimizer;

export const adam = (tf: typeof tfjs, lr: number): AdamOptimizer =>
  HeapAdam.forBackend(tf, lr) ?? tf.train.adam(lr);
