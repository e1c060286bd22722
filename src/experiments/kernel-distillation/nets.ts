import type * as tfjs from '@tensorflow/tfjs';
import type { KdActivation } from './math/kernelDistillation';

/**
 * Batched two-layer networks f(x) = Σ_k a_k/√m σ(w_kᵀx) with per-run output weights V = a/√m, targets
 * Φ and weight λ, trained on ½‖f − y‖² + ½λ‖σ(XW) − Φ‖² (objective (2) halved, so GD with step η is the
 * paper's gradient flow (9) at time t = η·iterations). Written out by hand, not autodiff: models/twoLayer.ts
 * fixes its output layer to a balanced ±1 pattern, while a student takes the signs of the teacher units it
 * samples. The runs share their inputs, so their weights sit side by side, W [d, runs·m] (the layout of
 * models/twoLayer.ts), and every product of a step is ONE 2-D matmul: tfjs-wasm runs those through
 * XNNPACK, batched (3-D) and transposed-A or -B products through a generic loop. Weights, outputs and
 * Φ keep their run-major layouts at the interface (BatchSpec, weights(), outputs()).
 */
type Tf = typeof tfjs;

/** σ, and σ' at z given h = σ(z) */
const act: Record<
  KdActivation,
  {
    f: (tf: Tf, z: tfjs.Tensor) => tfjs.Tensor;
    df: (tf: Tf, z: tfjs.Tensor, h: tfjs.Tensor) => tfjs.Tensor;
  }
> = {
  tanh: { f: (tf, z) => tf.tanh(z), df: (tf, _z, h) => tf.sub(1, tf.square(h)) },
  relu: { f: (tf, z) => tf.relu(z), df: (tf, z) => tf.step(z) },
};

export interface BatchSpec {
  runs: number;
  n: number;
  d: number;
  m: number;
  activation: KdActivation;
  /** training and test inputs, row-major */
  X: Float32Array;
  testX: Float32Array;
  nTest: number;
  y: Float32Array;
  testY: Float32Array;
  /** validation inputs and (noisy) labels, for early stopping */
  valX: Float32Array;
  valY: Float32Array;
  nVal: number;
  /** per run: a (runs × m), λ, η */
  a: Float32Array;
  lam: Float32Array;
  eta: Float32Array;
  /** per run: teacher features Φ (runs × n × m; zeros where λ = 0) */
  phi: Float32Array;
  /** initial weights, runs × d × m */
  W0: Float32Array;
}

export interface BatchLosses {
  /** per run: mean (y − f)² on the training, test and validation sets */
  train: Float32Array;
  test: Float32Array;
  val: Float32Array;
}

export class BatchNets {
  /** the weights of every run side by side, [d, runs·m]: columns r·m … r·m + m − 1 are run r's */
  private W: tfjs.Tensor2D;
  private readonly t: Record<string, tfjs.Tensor> = {};
  private readonly a: (typeof act)[KdActivation];

  constructor(
    private readonly tf: Tf,
    readonly s: BatchSpec,
  ) {
    const { runs: R, n, d, m, nTest, nVal } = s;
    this.a = act[s.activation];
    this.t.X = tf.tensor2d(s.X, [n, d]);
    this.t.Xt = tf.tidy(() => tf.transpose(this.t.X));
    this.t.T = tf.tensor2d(s.testX, [nTest, d]);
    this.t.Va = tf.tensor2d(s.valX, [nVal, d]);
    this.t.y = tf.tensor2d(s.y, [n, 1]);
    this.t.ty = tf.tensor2d(s.testY, [nTest, 1]);
    this.t.vy = tf.tensor2d(s.valY, [nVal, 1]);
    // The output layers as one block-diagonal matrix [runs·m, runs]: column r holds run r's a/√m in rows
    // r·m … r·m + m − 1, so f = σ(X W) Vb is every run's output at once; VbT [runs, runs·m] spreads the
    // residuals back.
    const Vb = new Float32Array(R * m * R);
    const VbT = new Float32Array(R * R * m);
    for (let r = 0; r < R; r++)
      for (let k = 0; k < m; k++) {
        const v = s.a[r * m + k] / Math.sqrt(m);
        Vb[(r * m + k) * R + r] = v;
        VbT[r * R * m + r * m + k] = v;
      }
    this.t.Vb = tf.tensor2d(Vb, [R * m, R]);
    this.t.VbT = tf.tensor2d(VbT, [R, R * m]);
    const perColumn = (v: Float32Array) =>
      Float32Array.from({ length: R * m }, (_, j) => v[Math.floor(j / m)]);
    this.t.lam = tf.tensor2d(perColumn(s.lam), [1, R * m]);
    this.t.eta = tf.tensor2d(perColumn(s.eta), [1, R * m]);
    this.t.phi = tf.tensor2d(sideBySide(s.phi, R, n, m), [n, R * m]);
    this.W = tf.tensor2d(sideBySide(s.W0, R, d, m), [d, R * m]);
  }

  /** One full-batch GD step on every run: four 2-D products. */
  step(): void {
    const { tf, t } = this;
    const next = tf.tidy(() => {
      const pre = tf.matMul(t.X as tfjs.Tensor2D, this.W);
      const h = this.a.f(tf, pre) as tfjs.Tensor2D;
      const r = tf.sub(tf.matMul(h, t.Vb as tfjs.Tensor2D), t.y) as tfjs.Tensor2D;
      const g = tf.mul(
        tf.add(tf.matMul(r, t.VbT as tfjs.Tensor2D), tf.mul(t.lam, tf.sub(h, t.phi))),
        this.a.df(tf, pre, h),
      ) as tfjs.Tensor2D;
      return tf.sub(this.W, tf.mul(t.eta, tf.matMul(t.Xt as tfjs.Tensor2D, g))) as tfjs.Tensor2D;
    });
    this.W.dispose();
    this.W = next;
  }

  /** Outputs [rows, runs] on inputs X [rows, d]; inside tidy. */
  private out(X: tfjs.Tensor): tfjs.Tensor2D {
    const { tf, t } = this;
    return tf.matMul(
      this.a.f(tf, tf.matMul(X as tfjs.Tensor2D, this.W)) as tfjs.Tensor2D,
      t.Vb as tfjs.Tensor2D,
    );
  }

  /** Outputs on the training inputs, runs × n. */
  async outputs(): Promise<Float32Array> {
    const f = this.tf.tidy(() => this.tf.transpose(this.out(this.t.X)));
    const v = (await f.data()) as Float32Array;
    f.dispose();
    return v;
  }

  /** Training, test and validation MSE per run (one readback). */
  async losses(): Promise<BatchLosses> {
    const { tf, t } = this;
    const R = this.s.runs;
    const both = tf.tidy(() => {
      const mse = (X: tfjs.Tensor, y: tfjs.Tensor) => tf.mean(tf.square(tf.sub(this.out(X), y)), 0);
      return tf.concat([mse(t.X, t.y), mse(t.T, t.ty), mse(t.Va, t.vy)]);
    });
    const v = (await both.data()) as Float32Array;
    both.dispose();
    return { train: v.slice(0, R), test: v.slice(R, 2 * R), val: v.slice(2 * R) };
  }

  /** The weights, runs × d × m. */
  async weights(): Promise<Float32Array> {
    const { runs: R, d, m } = this.s;
    const w = this.tf.tidy(() => this.tf.transpose(this.tf.reshape(this.W, [d, R, m]), [1, 0, 2]));
    const v = (await w.data()) as Float32Array;
    w.dispose();
    return v;
  }

  dispose(): void {
    this.W.dispose();
    Object.values(this.t).forEach((x) => x.dispose());
  }
}

/** runs × rows × m (run-major) → rows × (runs·m): run r's block in columns r·m … r·m + m − 1. */
function sideBySide(v: Float32Array, runs: number, rows: number, m: number): Float32Array {
  const out = new Float32Array(runs * rows * m);
  for (let r = 0; r < runs; r++)
    for (let i = 0; i < rows; i++)
      out.set(v.subarray((r * rows + i) * m, (r * rows + i + 1) * m), i * runs * m + r * m);
  return out;
}
