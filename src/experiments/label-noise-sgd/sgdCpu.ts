import { xorshift32 } from '../../math/chainRng';

/** Two-feature least-squares data in struct-of-arrays form, the layout the hot loops want. */
export interface OlsData {
  n: number;
  x0: Float64Array;
  x1: Float64Array;
  y: Float64Array;
}

/**
 * Advance every chain `steps` SGD steps in place. Each step draws `batch` distinct indices with the
 * chain's xorshift32 stream (rejection on repeats), evaluates all residuals at the current β, then
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
  const idx = new Int32Array(batch);
  const chains = rng.length;
  for (let c = 0; c < chains; c++) {
    let b0 = pos[2 * c];
    let b1 = pos[2 * c + 1];
    let s = rng[c];
    for (let t = 0; t < steps; t++) {
      let g0 = 0;
      let g1 = 0;
      for (let j = 0; j < batch; j++) {
        let i = 0;
        let fresh = false;
        while (!fresh) {
          s = xorshift32(s);
          i = s % n;
          fresh = true;
          for (let k = 0; k < j; k++) if (idx[k] === i) fresh = false;
        }
        idx[j] = i;
        const r = x0[i] * b0 + x1[i] * b1 - y[i];
        g0 += x0[i] * r;
        g1 += x1[i] * r;
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
): PathState {
  const { n, x0, x1, y } = data;
  const scale = eta / batch;
  const idx = new Int32Array(batch);
  let [a0, a1] = state.noisy;
  let [c0, c1] = state.clean;
  let s = state.rng;
  let iter = state.iter;
  for (let t = 0; t < steps; t++) {
    let g0 = 0;
    let g1 = 0;
    let h0 = 0;
    let h1 = 0;
    for (let j = 0; j < batch; j++) {
      let i = 0;
      let fresh = false;
      while (!fresh) {
        s = xorshift32(s);
        i = s % n;
        fresh = true;
        for (let k = 0; k < j; k++) if (idx[k] === i) fresh = false;
      }
      idx[j] = i;
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
    if (iter % stride === 0) record(iter, a0, a1, c0, c1);
  }
  return { noisy: [a0, a1], clean: [c0, c1], rng: s, iter };
}
