import type * as tfjs from '@tensorflow/tfjs-core';
import type { OlsData } from './sgdCpu';

/**
 * Parallel SGD chains as a tfjs op program: one fused-by-tidy step per iteration. B distinct indices
 * per chain come from the top-B of N uniforms (a uniformly random B-subset), matching the sampler
 * of the theory. Used on backends where it measures faster than the typed-array loop.
 */
export class TfjsOlsChains {
  private X: tfjs.Tensor;
  private y: tfjs.Tensor;
  private beta: tfjs.Tensor2D;
  private t = 0;

  constructor(
    private tf: typeof tfjs,
    private data: OlsData,
    private eta: number,
    private batch: number,
    readonly chains: number,
    private seed: number,
    start: [number, number],
  ) {
    const xy = new Float32Array(2 * data.n);
    for (let i = 0; i < data.n; i++) {
      xy[2 * i] = data.x0[i];
      xy[2 * i + 1] = data.x1[i];
    }
    this.X = tf.tensor2d(xy, [data.n, 2]);
    this.y = tf.tensor1d(Float32Array.from(data.y));
    this.beta = tf.tidy(() => tf.tile(tf.tensor2d([start], [1, 2]), [chains, 1]));
  }

  step(steps: number): void {
    const { tf, chains, batch, eta } = this;
    for (let k = 0; k < steps; k++) {
      const next = tf.tidy(() => {
        // Seeded per step so a run is reproducible.
        const u = tf.randomUniform([chains, this.data.n], 0, 1, 'float32', this.seed * 1_000_003 + this.t);
        const idx = tf.topk(u, batch).indices;
        const Xb = tf.gather(this.X, idx) as tfjs.Tensor3D; // [C, B, 2]
        const yb = tf.gather(this.y, idx) as tfjs.Tensor2D; // [C, B]
        const r = tf.sub(tf.sum(tf.mul(Xb, tf.expandDims(this.beta, 1)), 2), yb);
        const g = tf.sum(tf.mul(Xb, tf.expandDims(r, 2)), 1);
        return tf.sub(this.beta, tf.mul(g, eta / batch)) as tfjs.Tensor2D;
      });
      this.beta.dispose();
      this.beta = next;
      this.t++;
    }
  }

  async positions(): Promise<Float32Array> {
    return (await this.beta.data()) as Float32Array;
  }

  dispose(): void {
    this.tf.dispose([this.X, this.y, this.beta]);
  }
}
