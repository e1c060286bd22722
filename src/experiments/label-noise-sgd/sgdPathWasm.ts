import { sgdPathWasmBase64 } from './sgdPathWasmBytes';

/** One SGD path's steps over packed points (x0, x1, label per point): the wasm or the JS loop. */
export interface PathStepper {
  b0: number;
  b1: number;
  /** the xorshift32 state (int32 view) */
  s: number;
  /** advance from step `t` to `end` (exclusive); `t` marks the indices drawn in that step */
  steps(t: number, end: number): void;
}

/** Bytes before the points in the module's memory: b0, b1 (f64), the rng state (i32), padding. */
const HEADER = 32;
const PAGE = 65536;

type StepsFn = (n: number, batch: number, scale: number, t: number, end: number) => void;
let compiled: { memory: WebAssembly.Memory; steps: StepsFn } | null | undefined;

/** Compiled once per thread (360 bytes: synchronous compilation is allowed, also on the main thread). */
function instance() {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = Uint8Array.from(atob(sgdPathWasmBase64), (c) => c.charCodeAt(0));
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
    compiled = { memory: exports.memory as WebAssembly.Memory, steps: exports.steps as StepsFn };
  } catch {
    // No WebAssembly, or a CSP without 'wasm-unsafe-eval': the JS loop does the same steps.
    compiled = null;
  }
  return compiled;
}

/**
 * The wasm stepper for one path, or null where WebAssembly cannot run. Single-threaded JS makes the one
 * shared instance safe: a path's steps run to completion before another path's begin.
 */
export function wasmPathStepper(
  pk: Float64Array,
  n: number,
  batch: number,
  scale: number,
  b0: number,
  b1: number,
  s: number,
): PathStepper | null {
  const w = instance();
  if (!w) return null;
  const need = HEADER + pk.byteLength + 4 * n;
  if (need > w.memory.buffer.byteLength) w.memory.grow(Math.ceil((need - w.memory.buffer.byteLength) / PAGE));
  // Views after any grow (growing detaches the old buffer).
  const f64 = new Float64Array(w.memory.buffer);
  const i32 = new Int32Array(w.memory.buffer);
  f64.set(pk, HEADER / 8);
  const stamp = (HEADER + pk.byteLength) / 4;
  i32.fill(-1, stamp, stamp + n);
  f64[0] = b0;
  f64[1] = b1;
  i32[4] = s;
  const stepper: PathStepper = {
    b0,
    b1,
    s,
    steps(t, end) {
      w.steps(n, batch, scale, t, end);
      stepper.b0 = f64[0];
      stepper.b1 = f64[1];
      stepper.s = i32[4];
    },
  };
  return stepper;
}
