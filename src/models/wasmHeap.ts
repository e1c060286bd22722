import type * as tfjs from '@tensorflow/tfjs-core';

/**
 * tfjs-wasm keeps every tensor's data in its wasm heap, where a plain loop can read and write it: the
 * fused steps (kernel-regime nets, Adam) use this to replace chains of small ops, each with a fixed cost
 * of ~10 µs, by one pass. A view is valid until the heap next grows: take it after the op that made the
 * tensor (or after the last op that may have allocated), never keep it across ops.
 */
export interface WasmHeap {
  typedArrayFromHeap(t: tfjs.TensorInfo): Float32Array;
}

/** The heap of the wasm backend when it is the one in use, else null (other backends keep the ops). */
export function wasmHeap(tf: typeof tfjs): WasmHeap | null {
  if (tf.getBackend() !== 'wasm') return null;
  const b = tf.backend() as unknown as Partial<WasmHeap>;
  return typeof b.typedArrayFromHeap === 'function' ? (b as WasmHeap) : null;
}

/** What of tfjs-wasm's Emscripten module a kernel of our own needs to run in its heap. */
export interface WasmModule {
  /** the heap: a kernel compiled against it imports it as env.memory */
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(ptr: number): void;
  /** a view of the whole heap, valid until it next grows */
  heapF32(): Float32Array;
}

interface Emscripten {
  asm?: { memory?: unknown };
  _malloc?: (bytes: number) => number;
  _free?: (ptr: number) => void;
  HEAPF32?: Float32Array;
}

/**
 * tfjs-wasm's module when it is the backend in use and exposes its heap as an unshared memory (the
 * threaded build's shared one is left alone), else null.
 */
export function wasmModule(tf: typeof tfjs): WasmModule | null {
  if (!wasmHeap(tf)) return null;
  const m = (tf.backend() as unknown as { wasm?: Emscripten }).wasm;
  const memory = m?.asm?.memory;
  if (!m || !(memory instanceof WebAssembly.Memory) || !m._malloc || !m._free) return null;
  if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
  const [malloc, free] = [m._malloc, m._free];
  return {
    memory,
    malloc: (bytes) => malloc(bytes),
    free: (ptr) => free(ptr),
    heapF32: () => new Float32Array(memory.buffer),
  };
}

const instances = new WeakMap<WebAssembly.Memory, Map<string, unknown>>();

/**
 * A small hand-written module of ours (its bytes as base64, made by scripts/make-wasm.mjs) instantiated
 * on `memory` (tfjs-wasm's heap, imported as env.memory), once per heap; null where this engine has no
 * wasm SIMD or the page's CSP forbids compiling (callers keep a JavaScript loop).
 */
export function kernelsOnHeap<T>(base64: string, memory: WebAssembly.Memory): T | null {
  const byModule = instances.get(memory) ?? new Map<string, unknown>();
  instances.set(memory, byModule);
  if (byModule.has(base64)) return byModule.get(base64) as T | null;
  let k: T | null;
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    // about a kilobyte: synchronous compilation is allowed, also on a main thread
    k = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as T;
  } catch {
    k = null;
  }
  byModule.set(base64, k);
  return k;
}
