import type * as tfjs from '@tensorflow/tfjs-core';

/** Backends whose tensors live in host memory: a host copy of the data costs nothing to read. */
const hostBackends = new Set(['cpu', 'wasm']);

/** Whether tf's backend keeps its tensors in host memory (cpu, wasm), not on a GPU. */
export const onHost = (tf: typeof tfjs) => hostBackends.has(tf.getBackend());

/**
 * A matrix [N, cols] whose rows a training loop picks by index for each minibatch. GPU backends gather
 * them on the device; the CPU backends copy them from a host copy made once and upload the batch, since
 * their tf.gather costs ~40 ns an element (wasm: 8.8 ms for 256 Fashion-MNIST rows, more than the rest of
 * a noisy-students step; cpu: 14 ms) against ~1 ns for the copy.
 */
export class RowSource {
  readonly cols: number;
  private readonly host: Float32Array | null;
  /**
   * Scratch for the batches, reused on wasm, whose tensors copy their values into its heap (tfjs-cpu
   * keeps the array itself, so there each batch gets new ones). Allocating them afresh every step
   * costs more than filling them (V8 zeroes them and collects the garbage).
   */
  private readonly scratch: Float32Array[] | null;

  constructor(
    private readonly tf: typeof tfjs,
    private readonly t: tfjs.Tensor2D,
  ) {
    this.cols = t.shape[1];
    const backend = tf.getBackend();
    this.host = onHost(tf) ? (t.dataSync() as Float32Array) : null;
    this.scratch = backend === 'wasm' ? [] : null;
  }

  /** A buffer of n floats: scratch k on wasm, else a new one. */
  private buffer(k: number, n: number): Float32Array {
    if (!this.scratch) return new Float32Array(n);
    if (this.scratch[k]?.length !== n) this.scratch[k] = new Float32Array(n);
    return this.scratch[k];
  }

  /** Rows `ix`, in that order, as a new tensor of `shape` (ix.length · cols elements). */
  take<R extends tfjs.Rank>(ix: Int32Array, shape: tfjs.ShapeMap[R]): tfjs.Tensor<R> {
    const { tf, cols, host } = this;
    if (!host) return tf.tidy(() => tf.reshape(tf.gather(this.t, tf.tensor1d(ix, 'int32')), shape));
    const out = this.buffer(0, ix.length * cols);
    for (let i = 0; i < ix.length; i++) out.set(host.subarray(ix[i] * cols, (ix[i] + 1) * cols), i * cols);
    return tf.tensor(out, shape, 'float32') as tfjs.Tensor<R>;
  }

  /** Rows `ix`, in that order, on the host (a scratch buffer, valid until the next call); CPU backends only. */
  rowsOnHost(ix: Int32Array): Float32Array {
    const { cols, host } = this;
    if (!host) throw new Error('RowSource.rowsOnHost: the data is on a GPU');
    const out = this.buffer(3, ix.length * cols);
    for (let i = 0; i < ix.length; i++) out.set(host.subarray(ix[i] * cols, (ix[i] + 1) * cols), i * cols);
    return out;
  }

  /**
   * Only the transposes Xᵀ[g] of groups(ix, G, true) ([cols + 1, rows] each, a last row of 1s); CPU
   * backends only (the fused step on wasm). The rows are copied whole and the backend transposes them:
   * on wasm ~3× faster than any transposing copy in JavaScript (one cache miss per value read or written).
   */
  transposedGroups(ix: Int32Array, G: number): tfjs.Tensor2D[] {
    const { tf, cols, host } = this;
    if (!host) throw new Error('RowSource.transposedGroups: the data is on a GPU');
    const rows = ix.length / G;
    const c1 = cols + 1;
    const a = this.buffer(5, rows * c1);
    return Array.from({ length: G }, (_, g) => {
      copyRows(host, cols, ix.subarray(g * rows, (g + 1) * rows), a, true);
      const x = tf.tensor2d(a, [rows, c1]);
      const xt = tf.transpose(x);
      x.dispose();
      return xt;
    });
  }

  /**
   * Rows `ix` in G consecutive groups (ix.length / G rows each), as the groups X[g] and their transposes
   * Xᵀ[g], new tensors; with `ones`, X[g] gets a trailing column of 1s (Xᵀ[g] a last row): [rows, cols + 1]
   * and [cols + 1, rows]. (mlpTrainer.ts's inputs: both, so a step splits nothing on the device.)
   */
  groups(ix: Int32Array, G: number, ones = false): { x: tfjs.Tensor2D[]; xt: tfjs.Tensor2D[] } {
    const { tf, cols, host } = this;
    const rows = ix.length / G;
    const c1 = ones ? cols + 1 : cols;
    const gs = Array.from({ length: G }, (_, g) => g);
    if (!host)
      return tf.tidy(() => {
        const x = gs.map((g) => {
          const xg = this.take<tfjs.Rank.R2>(ix.subarray(g * rows, (g + 1) * rows), [rows, cols]);
          return ones ? (tf.concat([xg, tf.ones([rows, 1])], 1) as tfjs.Tensor2D) : xg;
        });
        return { x, xt: x.map((xg) => tf.transpose(xg)) };
      });
    const x: tfjs.Tensor2D[] = [];
    const xt: tfjs.Tensor2D[] = [];
    for (const g of gs) {
      const rowsOf = ix.subarray(g * rows, (g + 1) * rows);
      const a = this.buffer(1, rows * c1);
      copyRows(host, cols, rowsOf, a, ones);
      x.push(tf.tensor2d(a, [rows, c1]));
      const at = this.buffer(2, rows * c1);
      for (let c = 0; c < c1; c++) {
        const dst = c * rows;
        for (let r = 0; r < rows; r++) at[dst + r] = a[r * c1 + c];
      }
      xt.push(tf.tensor2d(at, [c1, rows]));
    }
    return { x, xt };
  }
}

/** Rows `rowsOf` of `host` ([N, cols]) into `out`, each followed by a 1 when `ones` ([rows, cols + 1]). */
function copyRows(host: Float32Array, cols: number, rowsOf: Int32Array, out: Float32Array, ones: boolean) {
  const c1 = ones ? cols + 1 : cols;
  for (let r = 0; r < rowsOf.length; r++) {
    out.set(host.subarray(rowsOf[r] * cols, (rowsOf[r] + 1) * cols), r * c1);
    if (ones) out[r * c1 + cols] = 1;
  }
}
