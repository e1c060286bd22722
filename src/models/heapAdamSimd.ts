import { heapAdamSimdBase64 } from './heapAdamSimdBytes';
import { kernelsOnHeap } from './wasmHeap';

/** heapAdamSimd.wat's exports: byte offsets into the heap it was instantiated on, then β₁, β₂, s, e. */
export interface AdamKernels {
  adam(
    w: number,
    g: number,
    m: number,
    v: number,
    n: number,
    b1: number,
    b2: number,
    s: number,
    e: number,
  ): void;
  adamTransposed(
    w: number,
    g: number,
    m: number,
    v: number,
    rows: number,
    cols: number,
    b1: number,
    b2: number,
    s: number,
    e: number,
  ): void;
}

/**
 * The Adam kernels on `memory` (tfjs-wasm's heap), instantiated once per heap, or null where this
 * engine has no wasm SIMD or the page's CSP forbids compiling (callers keep a JavaScript loop).
 */
export function adamKernels(memory: WebAssembly.Memory): AdamKernels | null {
  return kernelsOnHeap<AdamKernels>(heapAdamSimdBase64, memory);
}
