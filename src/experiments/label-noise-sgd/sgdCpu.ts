import { wasmPathStepper, type PathStepper } from './sgdPathWasm';

/** Two-feature least-squares data in struct-of-arrays form, the layout the hot loops want. */
export interface OlsData {
  n: number;
  x0: Float64Array;
  x1: Float64Array;
  y: Float64Array;
}

/** x0, x1, label of each point side by side: one cache line per draw instead of three arrays. */
function pack(data: OlsData, labels: Float64Array): Float64Array {
  const pk = new Float64Array(3 * data.n);
  for (let i = 0; i < data.n; i++) {
    pk[3 * i] = data.x0[i];
    pk[3 * i + 1] = data.x1[i];
    pk[3 * i + 2] = labels[i];
  }
  return pk;
}

/**
 * Advance every chain `steps` SGD steps in place. Each step draws `batch` distinct indices with the
 * chain's xorshift32 stream (index = chainRng's indexOf(s, n), rejection on repeats), evaluates all residuals at the current β, then
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
  const { n } = data;
  const scale = eta / batch;
  const pk = pack(data, data.y);
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
        let i: number;
        do {
          // xorshift32 and indexOf written out, as in the path loop (the WGSL test pins them).
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          i = ((s >>> 16) * n + (((s & 0xffff) * n) >>> 16)) >>> 16;
        } while (stamp[i] === mark);
        stamp[i] = mark;
        const o = 3 * i;
        const a = pk[o];
        const b = pk[o + 1];
        const r = a * b0 + b * b1 - pk[o + 2];
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

/** One SGD path: where it is, its batch stream, and how many iterations it has done. */
export interface PathState {
  beta: [number, number];
  rng: number;
  iter: number;
}

/**
 * The path's steps in JS: the reference for the wasm loop (sgdPath.wat does the same operations in the
 * same order, so both give the same bits) and the fallback where WebAssembly cannot run.
 */
function jsPathStepper(
  pk: Float64Array,
  n: number,
  batch: number,
  scale: number,
  b0: number,
  b1: number,
  s: number,
): PathStepper {
  const stamp = new Int32Array(n).fill(-1);
  const st: PathStepper = {
    b0,
    b1,
    s,
    steps(from, end) {
      let b0 = st.b0;
      let b1 = st.b1;
      let s = st.s;
      for (let t = from; t < end; t++) {
        let g0 = 0;
        let g1 = 0;
        for (let j = 0; j < batch; j++) {
          let i: number;
          do {
            // xorshift32 and indexOf written out (measurably faster in this, the hottest loop); the
            // path-equals-chain test keeps them identical to chainRng's.
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            i = ((s >>> 16) * n + (((s & 0xffff) * n) >>> 16)) >>> 16;
          } while (stamp[i] === t);
          stamp[i] = t;
          const o = 3 * i;
          const a = pk[o];
          const b = pk[o + 1];
          const r = a * b0 + b * b1 - pk[o + 2];
          g0 += a * r;
          g1 += b * r;
        }
        b0 -= scale * g0;
        b1 -= scale * g1;
      }
      st.b0 = b0;
      st.b1 = b1;
      st.s = s;
    },
  };
  return st;
}

/**
 * Advance one SGD path `steps` iterations on labels `labels`, calling `record` every `stride`-th
 * iterate. Two paths started from the same rng state draw the same batches (common random numbers),
 * which is how the noisy and the noiseless path of a panel are made comparable.
 * Stops early, with `diverged`, once the path is `limit` (L1) from the origin: divergence, not overflow.
 * The steps run in wasm (sgdPath.wat) unless `kernel` is 'js' or WebAssembly cannot run; same bits.
 */
export function advancePathCpu(
  data: OlsData,
  labels: Float64Array,
  eta: number,
  batch: number,
  state: PathState,
  steps: number,
  stride: number,
  record: (iter: number, b0: number, b1: number) => void,
  limit = Infinity,
  kernel: 'auto' | 'js' = 'auto',
): PathState & { diverged: boolean } {
  const { n } = data;
  const scale = eta / batch;
  const pk = pack(data, labels);
  const [b0, b1] = state.beta;
  const s = state.rng | 0;
  const path =
    (kernel === 'auto' ? wasmPathStepper(pk, n, batch, scale, b0, b1, s) : null) ??
    jsPathStepper(pk, n, batch, scale, b0, b1, s);
  let iter = state.iter;
  let t = 0;
  while (t < steps) {
    // Chunks end at the next recorded iterate (and at most 32 steps apart, so growth from `limit`
    // cannot overflow before it is seen): the hot loop itself has no modulo and no branch but the draw.
    const len = Math.min(steps - t, stride - (iter % stride), 32);
    path.steps(t, t + len);
    t += len;
    iter += len;
    // Written so that NaN also stops the loop.
    if (!(Math.abs(path.b0) + Math.abs(path.b1) <= limit))
      return { beta: [path.b0, path.b1], rng: path.s, iter, diverged: true };
    if (iter % stride === 0) record(iter, path.b0, path.b1);
  }
  return { beta: [path.b0, path.b1], rng: path.s, iter, diverged: false };
}
