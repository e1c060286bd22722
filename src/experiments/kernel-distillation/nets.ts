import type * as tfjs from '@tensorflow/tfjs';
import type { KdActivation } from './math/kernelDistillation';

/**
 * Batched two-layer networks f(x) = Σ_k a_k/√m σ(w_kᵀx) with per-run output weights V = a/√m, targets
 * Φ and weight λ, trained on ½‖f − y‖² + ½λ‖σ(XW) − Φ‖² (objective (2) halved, so GD with step η is the
 * paper's gradient flow (9) at time t = η·iterations). Written out by hand, not autodiff: models/twoLayer.ts
 * fixes its output layer to a balanced ±1 pattern, while a student takes the signs of the teacher units it
 * samples. Runs are stacked on a leading axis; X is tiled (webgl's batched matMul rejects broadcasting).
 */
type Tf = typeof tfjs;

const act: Record<
  KdActivation,
  { f: (tf: Tf, z: tfjs.Tensor) => tfjs.Tensor; df: (tf: Tf, z: tfjs.Tensor) => tfjs.Tensor }
> = {
  tanh: { f: (tf, z) => tf.tanh(z), df: (tf, z) => tf.sub(1, tf.square(tf.tanh(z))) },
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
  W: tfjs.Tensor3D;
  private readonly t: Record<string, tfjs.Tensor> = {};
  private readonly a: (typeof act)[KdActivation];

  constructor(
    private readonly tf: Tf,
    readonly s: BatchSpec,
  ) {
    const { runs: R, n, d, m, nTest } = s;
    this.a = act[s.activation];
    const tile = (x: Float32Array, rows: number) =>
      tf.tidy(() => tf.tile(tf.tensor3d(x, [1, rows, d]), [R, 1, 1]));
    this.t.X3 = tile(s.X, n);
    this.t.T3 = tile(s.testX, nTest);
    this.t.V3 = tile(s.valX, s.nVal);
    this.t.vy = tf.tensor3d(s.valY, [1, s.nVal, 1]);
    this.t.y = tf.tensor3d(s.y, [1, n, 1]);
    this.t.ty = tf.tensor3d(s.testY, [1, nTest, 1]);
    this.t.V = tf.tidy(() => tf.div(tf.tensor3d(s.a, [R, m, 1]), Math.sqrt(m)));
    this.t.lam = tf.tensor3d(s.lam, [R, 1, 1]);
    this.t.eta = tf.tensor3d(s.eta, [R, 1, 1]);
    this.t.phi = tf.tensor3d(s.phi, [R, n, m]);
    this.W = tf.tensor3d(s.W0, [R, d, m]);
  }

  /** One full-batch GD step on every run. */
  step(): void {
    const { tf, t } = this;
    const next = tf.tidy(() => {
      const pre = tf.matMul(t.X3 as tfjs.Tensor3D, this.W);
      const h = this.a.f(tf, pre);
      const f = tf.matMul(h as tfjs.Tensor3D, t.V as tfjs.Tensor3D);
      const r = tf.sub(f, t.y);
      const g = tf.mul(
        tf.add(
          tf.matMul(r as tfjs.Tensor3D, t.V as tfjs.Tensor3D, false, true),
          tf.mul(t.lam, tf.sub(h, t.phi)),
        ),
        this.a.df(tf, pre),
      );
      return tf.sub(
        this.W,
        tf.mul(t.eta, tf.matMul(t.X3 as tfjs.Tensor3D, g as tfjs.Tensor3D, true, false)),
      ) as tfjs.Tensor3D;
    });
    this.W.dispose();
    this.W = next;
  }

  /** Outputs on the training inputs, runs × n. */
  async outputs(): Promise<Float32Array> {
    const { tf, t } = this;
    const f = tf.tidy(() =>
      tf.matMul(
        this.a.f(tf, tf.matMul(t.X3 as tfjs.Tensor3D, this.W)) as tfjs.Tensor3D,
        t.V as tfjs.Tensor3D,
      ),
    );
    const v = (await f.data()) as Float32Array;
    f.dispose();
    return v;
  }

  /** Training, test and validation MSE per run (one readback). */
  async losses(): Promise<BatchLosses> {
    const { tf, t } = this;
    const R = this.s.runs;
    const both = tf.tidy(() => {
      const mse = (X3: tfjs.Tensor, y: tfjs.Tensor) =>
        tf.mean(
          tf.square(
            tf.sub(
              tf.matMul(
                this.a.f(tf, tf.matMul(X3 as tfjs.Tensor3D, this.W)) as tfjs.Tensor3D,
                t.V as tfjs.Tensor3D,
              ),
              y,
            ),
          ),
          [1, 2],
        );
      return tf.concat([mse(t.X3, t.y), mse(t.T3, t.ty), mse(t.V3, t.vy)]);
    });
    const v = (await both.data()) as Float32Array;
    both.dispose();
    return { train: v.slice(0, R), test: v.slice(R, 2 * R), val: v.slice(2 * R) };
  }

  /** The weights, runs × d × m. */
  async weights(): Promise<Float32Array> {
    return (await this.W.data()) as Float32Array;
  }

  dispose(): void {
    this.W.dispose();
    Object.values(this.t).forEach((x) => x.dispose());
  }
}
