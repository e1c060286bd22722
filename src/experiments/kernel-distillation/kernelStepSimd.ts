import { kernelsOnHeap } from '../../models/wasmHeap';
import { kernelStepSimdBase64 } from './kernelStepSimdBytes';

/** kernelStepSimd.wat's exports: byte offsets into the heap it was instantiated on; `tanh` 1 or 0 (ReLU). */
export interface KernelStepKernels {
  /** h [n, c] = σ(p [c, n])ᵀ */
  activate(p: number, h: number, c: number, n: number, tanh: number): void;
  /** g [c, n] = (η ⊙ (b + λ ⊙ (h − φ)) ⊙ σ'(h))ᵀ, with h, b, φ [n, c] and λ, η [c] */
  gradient(
    h: number,
    b: number,
    phi: number,
    lam: number,
    eta: number,
    g: number,
    c: number,
    n: number,
    tanh: number,
  ): void;
  /** w −= u, len values */
  subtract(w: number, u: number, len: number): void;
}

/** The kernels on `memory` (tfjs-wasm's heap), or null where wasm SIMD or compiling is unavailable. */
export function kernelStepKernels(memory: WebAssembly.Memory): KernelStepKernels | null {
  return kernelsOnHeap<KernelStepKernels>(kernelStepSimdBase64, memory);
}
