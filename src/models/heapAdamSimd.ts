import { heapAdamSimdBase64 } from './heapAdamSimdBytes';

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

const instances = new WeakMap<WebAssembly.Memory, AdamKernels | null>();

/**
 * The Adam kernels on `memory` (tfjs-wasm's heap), instantiated once per heap, or null where this
 * engine has no wasm SIMD or the page's CSP forbids compiling (callers keep a JavaScript loop).
 */
export function adamKernels(memory: WebAssembly.Memory): AdamKernels | null {
  let k = instances.get(memory);
  if (k !== undefined) return k;
  try {
    const bytes = Uint8Array.from(atob(heapAdamSimdBase64), (c) => c.charCodeAt(0));
    // 865 bytes: synchronous compilation is allowed, also on a main thread
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
    k = exports as unknown as AdamKernels;
  } catch {
    k = null;
  }
  instances.set(memory, k);
  return k;
}
