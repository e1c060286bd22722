import { indexOf, xorshift32 } from '../../math/chainRng';

/** Two-feature least-squares data in struct-of-arrays form, the layout the hot loops want. */
export interface OlsData {
  n: number;
  x0: Float64Array;
  x1: Float64Array;
  y: Float64Array;
}

/**
 * Advance every chain `steps` SGD steps in place. Each step draws `batch` distinct indices with the
 * chain's xorshift32 stream (index = indexOf(s, n), rejection on repeats), evaluates all residuals at the current β, then
 * takes β ← β − (η/B)·Σ xᵢ rᵢ. The WGSL kernel implements exactly this sequence, so both agree.
 * `pos` is [b0, b1] per chain (float32, like the GPU), `rng` one u32 state per chain.
 */
export function advanceChainsCpu(
  data: OlsData,
  eta: number,
  batch: number,
  pos: Float32Array,
  rng: Uint32Array,
  steps: number,
): void {
  const { n, x0, x1, y } = data;
  const scale = eta / batch;
  // stamp[i] === mark ⇔ i was already drawn in this step: an O(1) repeat test.
  const stamp = new Int32Array(n).fill(-1);
  let mark = 0;
  const chains = rng.length;
  for (let c = 0; c < chains; c++) {
    let b0 = pos[2 * c];
    let b1 = pos[2 * c + 1];
    let s = rng[c] | 0;
    for (let t = 0; t < steps; t++, mark++) {
      let g0 = 0;
      let g1 = 0;
      for (let j = 0; j < batch; j++) {
        let i = 0;
        do {
          s = xorshift32(s);
          i = indexOf(s, n);
        } while (stamp[i] === mark);
        stamp[i] = mark;
        const a = x0[i];
        const b = x1[i];
        const r = a * b0 + b * b1 - y[i];
        g0 += a * r;
        g1 += b * r;
      }
      // Round through float32 each step so the CPU path matches the GPU's arithmetic closely.
      b0 = Math.fround(b0 - scale * g0);
      b1 = Math.fround(b1 - scale * g1);
    }
    pos[2 * c] = b0;
    pos[2 * c + 1] = b1;
    rng[c] = s;
  }
}

/**
 * One SGD path on the noisy labels and one on the noiseless labels, driven by the same batch
 * sequence (common random numbers: the two paths differ only through the labels). Writes every
 * `stride`-th iterate into `outNoisy`/`outClean` starting at `outOffset` points; returns the new state.
 */
export interface PathState {
  noisy: [number, number];
  clean: [number, number];
  rng: number;
  iter: number;
}

export function advancePathsCpu(
  data: OlsData,
  yClean: Float64Array,
  eta: number,
  batch: number,
  state: PathState,
  steps: number,
  stride: number,
  record: (iter: number, n0: number, n1: number, c0: number, c1: number) => void,
  /** stop as soon as either path is this far (L1) from the origin: divergence, not overflow */
  limit = Infinity,
): PathState & { diverged: boolean } {
  const { n, x0, x1, y } = data;
  const scale = eta / batch;
  const stamp = new Int32Array(n).fill(-1);
  let [a0, a1] = state.noisy;
  let [c0, c1] = state.clean;
  let s = state.rng | 0;
  let iter = state.iter;
  for (let t = 0; t < steps; t++) {
    let g0 = 0;
    let g1 = 0;
    let h0 = 0;
    let h1 = 0;
    for (let j = 0; j < batch; j++) {
      let i = 0;
      do {
        s = xorshift32(s);
        i = indexOf(s, n);
      } while (stamp[i] === t);
      stamp[i] = t;
      const xi0 = x0[i];
      const xi1 = x1[i];
      const r = xi0 * a0 + xi1 * a1 - y[i];
      g0 += xi0 * r;
      g1 += xi1 * r;
      const rc = xi0 * c0 + xi1 * c1 - yClean[i];
      h0 += xi0 * rc;
      h1 += xi1 * rc;
    }
    a0 -= scale * g0;
    a1 -= scale * g1;
    c0 -= scale * h0;
    c1 -= scale * h1;
    iter++;
    // Written so that NaN also stops the loop.
    if (!(Math.abs(a0) + Math.abs(a1) + Math.abs(c0) + Math.abs(c1) <= limit))
      return { noisy: [a0, a1], clean: [c0, c1], rng: s, iter, diverged: true };
    if (iter % stride === 0) record(iter, a0, a1, c0, c1);
  }
  return { noisy: [a0, a1], clean: [c0, c1], rng: s, iter, diverged: false };
}
