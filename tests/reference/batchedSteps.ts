import type * as tfjs from '@tensorflow/tfjs';
import type { Mlp, SoftmaxLoss } from '../../src/models/mlp';

/**
 * The batched formulations the seed-stacked MLP (src/models/mlp.ts), its two training steps (minibatch
 * Adam on targets, models/trainOnTargets.ts; the noisy students' SGD, noisy-self-distillation/job.ts) and
 * the kernel-regime nets (kernel-distillation/nets.ts) had before issue 19: every product a 3-D batched
 * matMul, autodiff for the MLP, minibatches gathered on the device. tfjs-wasm runs those products (and
 * transposed-A ones) through a generic loop and its gather costs ~40 ns an element, so they are kept here
 * only as the reference: the equivalence tests compare the 2-D layouts against them (same seeds → same
 * numbers within float32 tolerance), and tests/bench/wasmSteps.ts times them as "before".
 */

type Tf = typeof tfjs;

/** logits [S,n,outputs] of x [S,n,inputs] or [1,n,inputs]: two batched matMuls. */
export function batchedMlpLogits(tf: Tf, net: Mlp, x: tfjs.Tensor3D): tfjs.Tensor3D {
  const h = tf.relu(tf.add(tf.matMul(x, net.w1), net.b1));
  return tf.add(tf.matMul(h, net.w2), net.b2);
}

function batchedSoftmaxLoss(tf: Tf, kind: SoftmaxLoss, logits: tfjs.Tensor3D, t: tfjs.Tensor3D) {
  if (kind === 'l2') return tf.mean(tf.sum(tf.square(tf.sub(tf.softmax(logits), t)), -1), -1);
  return tf.neg(tf.mean(tf.sum(tf.mul(t, tf.logSoftmax(logits)), -1), -1));
}

/**
 * One step of trainOnTargets as it was: gather each seed's minibatch on the device (x [N,inputs] rows
 * `ix`, targets [S·N,outputs] rows `it`), autodiff through the batched network, `opt` updates every
 * variable. Returns the per-seed losses [S] (the caller disposes them).
 */
export function batchedTargetStep(
  tf: Tf,
  net: Mlp,
  opt: tfjs.Optimizer,
  x: tfjs.Tensor2D,
  targets: tfjs.Tensor2D,
  ix: Int32Array,
  it: Int32Array,
  seeds: number,
  loss: SoftmaxLoss,
): tfjs.Tensor1D {
  const rows = ix.length / seeds;
  const [, inputs] = x.shape;
  const outputs = targets.shape[1];
  let perSeed: tfjs.Tensor1D | null = null;
  tf.tidy(() => {
    const cost = opt.minimize(
      () => {
        const xb = tf.reshape(tf.gather(x, tf.tensor1d(ix, 'int32')), [seeds, rows, inputs]);
        const tb = tf.reshape(tf.gather(targets, tf.tensor1d(it, 'int32')), [seeds, rows, outputs]);
        perSeed = tf.keep(
          batchedSoftmaxLoss(tf, loss, batchedMlpLogits(tf, net, xb as tfjs.Tensor3D), tb as tfjs.Tensor3D),
        ) as tfjs.Tensor1D;
        return tf.sum(perSeed);
      },
      true,
      [net.w1, net.b1, net.w2, net.b2],
    );
    cost?.dispose();
  });
  if (!perSeed) throw new Error('no loss computed');
  return perSeed;
}

/**
 * One noisy-student SGD step as it was: every network's minibatch gathered on the device (x [N,inputs]
 * rows `ix`, S·rows of them), targets [S,rows,L], cost Σ_networks ½‖f − ỹ‖²/rows. Returns the cost.
 */
export function batchedNoisyStep(
  tf: Tf,
  net: Mlp,
  opt: tfjs.Optimizer,
  x: tfjs.Tensor2D,
  ix: Int32Array,
  targets: Float32Array,
): tfjs.Scalar {
  const S = net.w1.shape[0];
  const L = net.w2.shape[2];
  const rows = ix.length / S;
  return tf.tidy(() => {
    const xb = tf.reshape(tf.gather(x, tf.tensor1d(ix, 'int32')), [S, rows, x.shape[1]]) as tfjs.Tensor3D;
    const tb = tf.tensor3d(targets, [S, rows, L]);
    return (
      opt.minimize(
        () =>
          tf.div(
            tf.mul(0.5, tf.sum(tf.square(tf.sub(batchedMlpLogits(tf, net, xb), tb)))),
            rows,
          ) as tfjs.Scalar,
        true,
        [net.w1, net.b1, net.w2, net.b2],
      ) ?? tf.scalar(NaN)
    );
  });
}

/** What the kernel nets' tests and bench give both implementations (kernel-distillation/nets.ts BatchSpec). */
export interface KdNetSpec {
  runs: number;
  n: number;
  d: number;
  m: number;
  activation: 'tanh' | 'relu';
  X: Float32Array;
  y: Float32Array;
  a: Float32Array;
  lam: Float32Array;
  eta: Float32Array;
  phi: Float32Array;
  W0: Float32Array;
}

/**
 * The kernel-regime nets' full-batch GD step as it was: runs stacked on a leading axis, X tiled, batched
 * products (one transposed-B, one transposed-A). Training inputs only.
 */
export class BatchedKdNets {
  W: tfjs.Tensor3D;
  private readonly t: Record<string, tfjs.Tensor> = {};

  constructor(
    private readonly tf: Tf,
    readonly s: KdNetSpec,
  ) {
    const { runs: R, n, d, m } = s;
    this.t.X3 = tf.tidy(() => tf.tile(tf.tensor3d(s.X, [1, n, d]), [R, 1, 1]));
    this.t.y = tf.tensor3d(s.y, [1, n, 1]);
    this.t.V = tf.tidy(() => tf.div(tf.tensor3d(s.a, [R, m, 1]), Math.sqrt(m)));
    this.t.lam = tf.tensor3d(s.lam, [R, 1, 1]);
    this.t.eta = tf.tensor3d(s.eta, [R, 1, 1]);
    this.t.phi = tf.tensor3d(s.phi, [R, n, m]);
    this.W = tf.tensor3d(s.W0, [R, d, m]);
  }

  private f(z: tfjs.Tensor) {
    return this.s.activation === 'tanh' ? this.tf.tanh(z) : this.tf.relu(z);
  }

  private df(z: tfjs.Tensor) {
    const { tf } = this;
    return this.s.activation === 'tanh' ? tf.sub(1, tf.square(tf.tanh(z))) : tf.step(z);
  }

  step(): void {
    const { tf, t } = this;
    const next = tf.tidy(() => {
      const pre = tf.matMul(t.X3 as tfjs.Tensor3D, this.W);
      const h = this.f(pre);
      const f = tf.matMul(h as tfjs.Tensor3D, t.V as tfjs.Tensor3D);
      const r = tf.sub(f, t.y);
      const g = tf.mul(
        tf.add(
          tf.matMul(r as tfjs.Tensor3D, t.V as tfjs.Tensor3D, false, true),
          tf.mul(t.lam, tf.sub(h, t.phi)),
        ),
        this.df(pre),
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
      tf.matMul(this.f(tf.matMul(t.X3 as tfjs.Tensor3D, this.W)) as tfjs.Tensor3D, t.V as tfjs.Tensor3D),
    );
    const v = (await f.data()) as Float32Array;
    f.dispose();
    return v;
  }

  dispose(): void {
    this.W.dispose();
    Object.values(this.t).forEach((x) => x.dispose());
  }
}
