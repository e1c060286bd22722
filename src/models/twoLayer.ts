import type * as tfjs from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

/**
 * The two-layer network of the NTK analyses, f(x) = Σ_k a_k/√m σ(w_kᵀx), with the hidden weights w_k
 * trained and the output layer a_k = ±1 FIXED (stored as V = a/√m, m = width). Several runs with their
 * own weights can share one program: the weights are stored transposed and side by side, W [d, runs·m]
 * (columns r·m … r·m + m − 1 are run r), so every product is ONE 2-D matmul: tfjs-wasm runs 2-D
 * products through XNNPACK and batched (3-D) or transposed-A ones through a generic loop 15–20× slower
 * (n = 256, d = 32, m = 1024, 2 runs: 45 ms against 3 ms on a 2-core CPU). The gradient is written out by
 * hand (no autodiff): with the residual R = f − ŷ of the loss ½‖f(X) − ŷ‖², ∂L/∂W = Xᵀ ((R Vᵀ) ⊙ σ'(X W)).
 */

type Tf = typeof tfjs;

/** The hidden activation σ and its derivative σ'. */
export type Activation = 'relu' | 'tanh';

const activations: Record<
  Activation,
  { f: (tf: Tf, z: tfjs.Tensor) => tfjs.Tensor; df: (tf: Tf, z: tfjs.Tensor) => tfjs.Tensor }
> = {
  relu: { f: (tf, z) => tf.relu(z), df: (tf, z) => tf.step(z) },
  tanh: { f: (tf, z) => tf.tanh(z), df: (tf, z) => tf.sub(1, tf.square(tf.tanh(z))) },
};

/**
 * The fixed output layer V (m × C), entries ±1/√m: C = 1: the first m/2 entries +, the rest −;
 * C > 1: each column an independent uniformly random arrangement of m/2 pluses and m/2 minuses.
 */
export function outputLayer(m: number, C: number, seed: number): Float32Array {
  const s = 1 / Math.sqrt(m);
  const V = new Float32Array(m * C);
  const rng = seedrandom.alea(`ntk-v:${seed}`);
  for (let c = 0; c < C; c++) {
    const col = Array.from({ length: m }, (_, i) => (i < m / 2 ? s : -s));
    if (C > 1)
      for (let i = m - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [col[i], col[j]] = [col[j], col[i]];
      }
    for (let i = 0; i < m; i++) V[i * C + c] = col[i];
  }
  return V;
}

/**
 * The empirical NTK of the network with hidden weights w [d, m] (transposed) on inputs X [n, d]:
 * (XXᵀ) ⊙ (D Dᵀ)/m with D = σ'(X w), since every output weight has v² = 1/m (for C > 1 the per-output
 * kernel, the same for every output). Pass XXᵀ when it is at hand; call inside tidy.
 */
export function empiricalNtk(
  tf: Tf,
  X: tfjs.Tensor2D,
  w: tfjs.Tensor2D,
  activation: Activation,
  XXt: tfjs.Tensor2D = tf.matMul(X, X, false, true),
): tfjs.Tensor2D {
  const D = activations[activation].df(tf, tf.matMul(X, w));
  return tf.mul(XXt, tf.div(tf.matMul(D, D, false, true), w.shape[1])) as tfjs.Tensor2D;
}

export interface TwoLayerSpec {
  /** training inputs, n × d row-major */
  X: Float32Array;
  n: number;
  d: number;
  /** hidden units m (even) */
  width: number;
  /** outputs C */
  outputs: number;
  /** how many weight sets train side by side */
  runs: number;
  activation: Activation;
  /** seeds the output layer's arrangement (C > 1) */
  seed: number;
}

/**
 * The network's fixed parts on the device (inputs, output layer, XXᵀ for the NTK) and its forward and
 * backward passes for weights W [runs, d, m]. Owns its tensors: dispose() frees them.
 */
export class TwoLayerNet {
  readonly X: tfjs.Tensor2D;
  /** Xᵀ [d, n], kept so the gradient's product is not a transposed-A one */
  private readonly Xt: tfjs.Tensor2D;
  /** the output layer V [m, C], the same for every run */
  readonly V: tfjs.Tensor2D;
  private readonly XXt: tfjs.Tensor2D;
  private readonly act: (typeof activations)[Activation];
  private readonly owned: tfjs.Tensor[] = [];

  constructor(
    private readonly tf: Tf,
    readonly spec: TwoLayerSpec,
  ) {
    const { n, d, width: m, outputs: C } = spec;
    this.act = activations[spec.activation];
    this.X = this.own(tf.tensor2d(spec.X, [n, d]));
    this.Xt = this.own(tf.transpose(this.X));
    this.V = this.own(tf.tensor2d(outputLayer(m, C, spec.seed), [m, C]));
    this.XXt = this.own(tf.matMul(this.X, this.X, false, true));
  }

  private own<T extends tfjs.Tensor>(t: T): T {
    this.owned.push(t);
    return t;
  }

  /** Another input set (rows × d, e.g. a test split); owned by the network. */
  inputs(x: Float32Array, rows: number): tfjs.Tensor2D {
    return this.own(this.tf.tensor2d(x, [rows, this.spec.d]));
  }

  /** Initial weights W ~ N(0, 1), [d, runs·m]: the SAME draw for every run. */
  initialWeights(seed: number): tfjs.Tensor2D {
    const { tf } = this;
    const { d, width: m, runs } = this.spec;
    return tf.tidy(() => {
      // tfjs draws from Math.random() when the seed is falsy (0): shift it by one.
      const w = tf.randomNormal([d, m], 0, 1, 'float32', seed + 1) as tfjs.Tensor2D;
      return tf.concat(new Array<tfjs.Tensor2D>(runs).fill(w), 1);
    });
  }

  /**
   * Pre-activations X W [rows, runs·m] and outputs f = σ(X W_r) V, [runs, rows, C]; call inside tidy.
   */
  forward(W: tfjs.Tensor2D, X: tfjs.Tensor2D = this.X): { pre: tfjs.Tensor2D; F: tfjs.Tensor3D } {
    const { tf } = this;
    const { width: m, outputs: C, runs } = this.spec;
    const rows = X.shape[0];
    const pre = tf.matMul(X, W) as tfjs.Tensor2D;
    // [rows, runs·m] is [rows·runs, m] row-major: one product with V for every run.
    const H = tf.reshape(this.act.f(tf, pre), [rows * runs, m]) as tfjs.Tensor2D;
    const F = tf.transpose(tf.reshape(tf.matMul(H, this.V), [rows, runs, C]), [1, 0, 2]) as tfjs.Tensor3D;
    return { pre, F };
  }

  /** ∂L/∂W [d, runs·m] of ½‖f − ŷ‖² on the training inputs, from forward's `pre` and R = f − ŷ [runs, n, C]; inside tidy. */
  gradient(pre: tfjs.Tensor2D, R: tfjs.Tensor3D): tfjs.Tensor2D {
    const { tf } = this;
    const { n, width: m, outputs: C, runs } = this.spec;
    const Rn = tf.reshape(tf.transpose(R, [1, 0, 2]), [n * runs, C]) as tfjs.Tensor2D;
    const RVt = tf.reshape(tf.matMul(Rn, this.V, false, true), [n, runs * m]);
    return tf.matMul(this.Xt, tf.mul(RVt, this.act.df(tf, pre)) as tfjs.Tensor2D);
  }

  /** Empirical NTK of run r on the training inputs, n × n (see empiricalNtk). */
  ntk(W: tfjs.Tensor2D, r: number): tfjs.Tensor2D {
    const { tf } = this;
    const { d, width: m } = this.spec;
    return tf.tidy(() => {
      const w = tf.slice(W, [0, r * m], [d, m]);
      return empiricalNtk(tf, this.X, w, this.spec.activation, this.XXt);
    });
  }

  dispose(): void {
    this.owned.forEach((t) => t.dispose());
    this.owned.length = 0;
  }
}
