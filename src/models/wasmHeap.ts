import type * as tfjs from '@tensorflow/tfjs';

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
