import type * as tfjs from '@tensorflow/tfjs-core';
import { mlpVariables, permute, type Mlp } from './mlp';
import { onHost, type RowSource } from './rowSource';

/**
 * The seed-stacked MLP (mlp.ts) as training sees it: a step's inputs (batch), forward and backward passes
 * written out (no tape; the math of mlpLogits' autodiff), an optimizer update (apply), and writeBack()
 * before anything reads the net. Two layouts: SideBySideTrainer on the CPU backends, BatchedTrainer on
 * the GPU ones, where a batched product is one dispatch and every extra variable or op costs one more.
 *
 * Groups: network s = r·G + g (r = 0…R−1, S = R·G) reads input group g, so G = S gives every network its
 * own minibatch (trainOnTargets), G = seeds the noisy sweep's runs that share a seed's minibatch.
 */
export interface MlpTrainer {
  readonly seeds: number;
  readonly groups: number;
  /** the variables an optimizer trains */
  readonly variables: tfjs.Variable[];
  /** This step's inputs from the rows `ix` of `x`: G groups of ix.length / G rows. */
  batch(x: RowSource, ix: Int32Array): TrainerBatch;
  /** The forward pass: logits [S, n, outputs] (network order) and what backward() needs. */
  forward(batch: TrainerBatch): TrainerPass;
  /**
   * The gradients, in the order of `variables`, of a loss whose gradient with respect to the logits of
   * `pass` is dy [S, n, outputs] (network order); inside tidy.
   */
  backward(pass: TrainerPass, dy: tfjs.Tensor3D): tfjs.Tensor[];
  /** One update of the variables by `opt` with backward()'s gradients. */
  apply(opt: tfjs.Optimizer, grads: tfjs.Tensor[]): void;
  /** forward()'s logits, differentiable with respect to `variables` through backward() (tf.customGrad). */
  logits(batch: TrainerBatch): tfjs.Tensor3D;
  /** Copies the weights into the net's variables (skipped once those are disposed). */
  writeBack(): void;
  dispose(): void;
}

/** A step's inputs, in the layout of the trainer that made them (batch()). */
type TrainerBatch = object;

/** A forward pass: the logits and, in the trainer's layout, what its backward pass reads. */
interface TrainerPass {
  logits: tfjs.Tensor3D;
}

type Tf = typeof tfjs;

/** The trainer for `net` with `groups` input groups, in the layout for the current backend. */
export function mlpTrainer(tf: Tf, net: Mlp, groups: number): MlpTrainer {
  return onHost(tf) ? new SideBySideTrainer(tf, net, groups) : new BatchedTrainer(tf, net, groups);
}

/** What both layouts share: the update and the autodiff wrapper. */
abstract class TrainerBase<B extends TrainerBatch, P extends TrainerPass> implements MlpTrainer {
  readonly seeds: number;

  constructor(
    protected readonly tf: Tf,
    readonly net: Mlp,
    readonly groups: number,
  ) {
    this.seeds = net.w1.shape[0];
    if (this.seeds % groups !== 0)
      throw new Error(`MlpTrainer: ${groups} input groups for ${this.seeds} networks`);
  }

  abstract readonly variables: tfjs.Variable[];
  abstract batch(x: RowSource, ix: Int32Array): B;
  abstract forward(batch: B): P;
  abstract backward(pass: P, dy: tfjs.Tensor3D): tfjs.Tensor[];
  /** the tensors of a pass that backward() reads (tf.customGrad saves them), and the pass rebuilt from them */
  protected abstract saved(pass: P): tfjs.Tensor[];
  protected abstract restored(pass: P, saved: tfjs.Tensor[]): P;
  abstract writeBack(): void;
  abstract dispose(): void;

  apply(opt: tfjs.Optimizer, grads: tfjs.Tensor[]): void {
    opt.applyGradients(Object.fromEntries(this.variables.map((v, i) => [v.name, grads[i]])));
  }

  logits(batch: B): tfjs.Tensor3D {
    const f = this.tf.customGrad((...args) => {
      const save = args[args.length - 1] as tfjs.GradSaveFunc;
      const pass = this.forward(batch);
      save(this.saved(pass));
      return {
        value: pass.logits,
        gradFunc: (dy: tfjs.Tensor3D, saved: tfjs.Tensor[]) => this.backward(this.restored(pass, saved), dy),
      };
    });
    return f(...this.variables);
  }
}

/**
 * The CPU layout, for tfjs-wasm's fast products: the wasm backend runs a 2-D matMul through XNNPACK but
 * batched (3-D) and transposed-A or -B products through a generic loop 15–20× slower; it packs a
 * product's RIGHT operand afresh whenever that is a new tensor (a [784, 256] weight matrix: ~3 ms, the
 * product ~1 ms); and its slice copies the whole input tensor first (splitting a [2, 256, 784] tensor in
 * two: ~2 ms). So the first layer, where the time goes:
 *
 * - runs transposed, with the networks that read the same inputs (an input group) side by side: one
 *   variable [W1ᵀ | b1] [R·hidden, inputs + 1] per group, whose pre-activations are ONE 2-D product with
 *   the small Xᵀ [inputs + 1, n] as the packed operand, and whose gradient is ONE 2-D product dZᵀ·X;
 * - never splits or transposes a weight matrix in a step (each group its own variable; X and Xᵀ, with a
 *   row of 1s for the bias, built on the host by RowSource).
 *
 * The second layer (hidden × outputs, ~40× less work) stays batched over the networks, with its bias
 * in the same variable. Few variables, few ops: each variable costs Adam ~15 elementwise ops a step,
 * and at these sizes an op's fixed cost (~20 µs) is that of a small product. Inside, the networks sit
 * group-major (network r·G + g at g·R + r). The trainer copies the net's variables in when made and
 * back on writeBack().
 */
export class SideBySideTrainer extends TrainerBase<SideBySideBatch, SideBySidePass> {
  private readonly R: number;
  private readonly inputs: number;
  private readonly hidden: number;
  private readonly outputs: number;
  /**
   * per group g: [W1ᵀ | b1] of networks g, G + g, 2G + g, … stacked, [R·hidden, inputs + 1]: the inputs
   * carry a trailing 1, so the bias rides in the product (one variable, one product, no add)
   */
  private readonly w1t: tfjs.Variable<tfjs.Rank.R2>[];
  /** [W2; b2], [S, hidden + 1, outputs], group-major: the hidden activations carry a trailing 1 */
  private readonly head: tfjs.Variable<tfjs.Rank.R3>;
  /** rows of ones [S, 1, n] by n, to append to the hidden activations */
  private readonly ones = new Map<number, tfjs.Tensor3D>();
  /** Host buffers a fused step (heapTargetStep.ts) keeps from one step to the next, by name. */
  private readonly scratch = new Map<string, Float32Array>();

  constructor(tf: Tf, net: Mlp, groups: number) {
    super(tf, net, groups);
    const [S, I, H] = net.w1.shape;
    const G = groups;
    const R = S / G;
    const O = net.w2.shape[2];
    [this.R, this.inputs, this.hidden, this.outputs] = [R, I, H, O];
    const v = <K extends tfjs.Rank>(t: tfjs.Tensor<K>) => {
      const variable = tf.variable<K>(t);
      t.dispose();
      return variable;
    };
    const w1t = tf.tidy(() => {
      const wb = tf.concat([net.w1, net.b1], 1); // [S, I + 1, H]
      return tf.split(permute(tf, tf.reshape(wb, [R, G, I + 1, H]), [1, 0, 3, 2], [G * R * H, I + 1]), G);
    }) as tfjs.Tensor2D[];
    this.w1t = w1t.map(v);
    this.head = v(tf.tidy(() => this.groupMajor(tf.concat([net.w2, net.b2], 1), [H + 1, O])));
  }

  get variables(): tfjs.Variable[] {
    return [...this.w1t, this.head];
  }

  /** The layout, for a fused step (heapTargetStep.ts): the variables are in the order of `variables`. */
  get parts() {
    const { w1t, head, R, inputs, hidden, outputs } = this;
    return { w1t, head, R, inputs, hidden, outputs };
  }

  /** Scratch buffer `name` of n floats, kept between steps (V8 would otherwise allocate and collect it each step). */
  hostBuffer(name: string, n: number): Float32Array {
    let b = this.scratch.get(name);
    if (b?.length !== n) this.scratch.set(name, (b = new Float32Array(n)));
    return b;
  }

  /** [S, ...rest] from network order to group-major. */
  private groupMajor(t: tfjs.Tensor, rest: number[]): tfjs.Tensor3D {
    const { R, groups: G, seeds: S } = this;
    return permute(this.tf, this.tf.reshape(t, [R, G, ...rest]), [1, 0, 2, 3], [S, ...rest]) as tfjs.Tensor3D;
  }

  /** [S, ...rest] from group-major to network order. */
  private networkOrder(t: tfjs.Tensor, rest: number[]): tfjs.Tensor3D {
    const { R, groups: G, seeds: S } = this;
    return permute(this.tf, this.tf.reshape(t, [G, R, ...rest]), [1, 0, 2, 3], [S, ...rest]) as tfjs.Tensor3D;
  }

  private onesRow(n: number): tfjs.Tensor3D {
    let t = this.ones.get(n);
    if (!t) {
      t = this.tf.keep(this.tf.ones([this.seeds, 1, n])) as tfjs.Tensor3D;
      this.ones.set(n, t);
    }
    return t;
  }

  /** per group, X with a trailing column of 1s and its transpose, both built on the host */
  batch(x: RowSource, ix: Int32Array): SideBySideBatch {
    return x.groups(ix, this.groups, true);
  }

  forward(inputs: SideBySideBatch): SideBySidePass {
    const { tf, groups: G, seeds: S, hidden: H, outputs: O } = this;
    const { x, xt } = inputs;
    if (x.length !== G || xt.length !== G) throw new Error(`MlpTrainer: ${x.length} input groups, not ${G}`);
    const n = x[0].shape[0];
    const zt = this.w1t.map((w, g) => tf.matMul(w as tfjs.Tensor2D, xt[g]));
    const pre = (G === 1 ? zt[0] : tf.concat(zt, 0)) as tfjs.Tensor2D; // [S·H, n]
    const at = tf.concat([tf.reshape(tf.relu(pre), [S, H, n]), this.onesRow(n)], 1) as tfjs.Tensor3D; // [S, H + 1, n]
    // the second layer: batched and small; its transposes ride in the generic loop
    const logits = this.networkOrder(tf.matMul(at, this.head, true, false), [n, O]);
    return { logits, inputs, pre, at };
  }

  backward(pass: SideBySidePass, dy: tfjs.Tensor3D): tfjs.Tensor[] {
    const { tf, groups: G, seeds: S, hidden: H, outputs: O } = this;
    const { pre, at } = pass;
    const n = pre.shape[1];
    const d = this.groupMajor(dy, [n, O]);
    const dat = tf.slice(tf.matMul(this.head, d, false, true), [0, 0, 0], [S, H, n]); // [S, H, n]
    const dzt = tf.mul(tf.reshape(dat, [S * H, n]), tf.step(pre)) as tfjs.Tensor2D;
    const dz = G === 1 ? [dzt] : (tf.split(dzt, G) as tfjs.Tensor2D[]);
    return [...dz.map((dg, g) => tf.matMul(dg, pass.inputs.x[g])), tf.matMul(at, d)];
  }

  protected saved(pass: SideBySidePass): tfjs.Tensor[] {
    return [pass.pre, pass.at];
  }

  protected restored(pass: SideBySidePass, [pre, at]: tfjs.Tensor[]): SideBySidePass {
    return { ...pass, pre: pre as tfjs.Tensor2D, at: at as tfjs.Tensor3D };
  }

  writeBack(): void {
    const { tf, net, R, groups: G, seeds: S, inputs: I, hidden: H, outputs: O } = this;
    if (mlpVariables(net).some((t) => t.isDisposed)) return;
    tf.tidy(() => {
      const w1t = G === 1 ? this.w1t[0] : tf.concat(this.w1t, 0);
      const wb = permute(tf, tf.reshape(w1t, [G, R, H, I + 1]), [1, 0, 3, 2], [S, I + 1, H]);
      net.w1.assign(tf.slice(wb, [0, 0, 0], [S, I, H]) as tfjs.Tensor3D);
      net.b1.assign(tf.slice(wb, [0, I, 0], [S, 1, H]) as tfjs.Tensor3D);
      const head = this.networkOrder(this.head, [H + 1, O]);
      net.w2.assign(tf.slice(head, [0, 0, 0], [S, H, O]));
      net.b2.assign(tf.slice(head, [0, H, 0], [S, 1, O]));
    });
  }

  dispose(): void {
    this.variables.forEach((v) => v.dispose());
    this.ones.forEach((t) => t.dispose());
    this.ones.clear();
  }
}

/** SideBySideTrainer's inputs: per input group, X [n, inputs + 1] and Xᵀ [inputs + 1, n], 1s last. */
export interface SideBySideBatch {
  x: tfjs.Tensor2D[];
  xt: tfjs.Tensor2D[];
}

interface SideBySidePass extends TrainerPass {
  inputs: SideBySideBatch;
  /** pre-activations [S·hidden, n], group-major */
  pre: tfjs.Tensor2D;
  /** hidden activations with a row of 1s, [S, hidden + 1, n], group-major */
  at: tfjs.Tensor3D;
}

/**
 * The GPU layout: the net's own variables, every product batched over the networks (one dispatch each),
 * each network's minibatch gathered on the device: the formulation trainOnTargets and the noisy students
 * ran through autodiff before issue 19, its backward pass written out.
 */
export class BatchedTrainer extends TrainerBase<BatchedBatch, BatchedPass> {
  get variables(): tfjs.Variable[] {
    return mlpVariables(this.net);
  }

  /** every network's inputs [S, n, inputs]: its group's rows */
  batch(x: RowSource, ix: Int32Array): BatchedBatch {
    const { tf, seeds: S, groups: G } = this;
    const rows = ix.length / G;
    return tf.tidy(() => {
      const xg = x.take<tfjs.Rank.R3>(ix, [G, rows, x.cols]);
      const own = Int32Array.from({ length: S }, (_, s) => s % G);
      return { x: G === S ? xg : (tf.gather(xg, own) as tfjs.Tensor3D) };
    });
  }

  forward(batch: BatchedBatch): BatchedPass {
    const { tf, net } = this;
    const pre = tf.add(tf.matMul(batch.x, net.w1), net.b1) as tfjs.Tensor3D;
    const a = tf.relu(pre);
    return { logits: tf.add(tf.matMul(a, net.w2), net.b2), x: batch.x, pre, a };
  }

  backward(pass: BatchedPass, dy: tfjs.Tensor3D): tfjs.Tensor[] {
    const { tf, net } = this;
    const dz = tf.mul(tf.matMul(dy, net.w2, false, true), tf.step(pass.pre)) as tfjs.Tensor3D;
    return [
      tf.matMul(pass.x, dz, true, false),
      tf.sum(dz, 1, true),
      tf.matMul(pass.a, dy, true, false),
      tf.sum(dy, 1, true),
    ];
  }

  protected saved(pass: BatchedPass): tfjs.Tensor[] {
    return [pass.pre, pass.a];
  }

  protected restored(pass: BatchedPass, [pre, a]: tfjs.Tensor[]): BatchedPass {
    return { ...pass, pre: pre as tfjs.Tensor3D, a: a as tfjs.Tensor3D };
  }

  /** nothing to copy: the variables are the net's */
  writeBack(): void {}

  dispose(): void {}
}

interface BatchedBatch {
  x: tfjs.Tensor3D;
}

interface BatchedPass extends TrainerPass {
  x: tfjs.Tensor3D;
  pre: tfjs.Tensor3D;
  a: tfjs.Tensor3D;
}
