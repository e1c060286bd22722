import type * as tfjs from '@tensorflow/tfjs-core';
import { tanhFloat32 } from './math/tanhFloat32';
import { wasmHeap, wasmModule, type WasmHeap } from '../../models/wasmHeap';
import { kernelStepKernels, type KernelStepKernels } from './kernelStepSimd';
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
  /**
   * the weights of every run side by side, [d, runs·m]: columns r·m … r·m + m − 1 are run r's
   * (null while the wasm step owns them, transposed: see HeapStep)
   */
  private W: tfjs.Tensor2D | null;
  private readonly heapStep: HeapStep | null = null;
  private readonly t: Record<string, tfjs.Tensor> = {};
  private readonly a: (typeof act)[KdActivation];

  /** `simd: false` keeps the fused step's JavaScript loops (the SIMD kernels' reference in tests) */
  constructor(
    private readonly tf: Tf,
    readonly s: BatchSpec,
    opts: { simd?: boolean } = {},
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
    const phi = sideBySide(s.phi, R, n, m);
    const W0 = sideBySide(s.W0, R, d, m);
    const heap = wasmHeap(tf);
    if (heap) {
      const mod = opts.simd === false ? null : wasmModule(tf);
      const kernels = mod && kernelStepKernels(mod.memory);
      this.heapStep = new HeapStep(tf, heap, kernels, s, this.t, phi, W0);
      this.W = null;
    } else {
      this.t.phi = tf.tensor2d(phi, [n, R * m]);
      this.W = tf.tensor2d(W0, [d, R * m]);
    }
  }

  /** One full-batch GD step on every run: four 2-D products. */
  step(): void {
    if (this.heapStep) return this.heapStep.step();
    const { tf, t } = this;
    const W = this.W!;
    const next = tf.tidy(() => {
      const pre = tf.matMul(t.X as tfjs.Tensor2D, W);
      const h = this.a.f(tf, pre) as tfjs.Tensor2D;
      const r = tf.sub(tf.matMul(h, t.Vb as tfjs.Tensor2D), t.y) as tfjs.Tensor2D;
      const g = tf.mul(
        tf.add(tf.matMul(r, t.VbT as tfjs.Tensor2D), tf.mul(t.lam, tf.sub(h, t.phi))),
        this.a.df(tf, pre, h),
      ) as tfjs.Tensor2D;
      return tf.sub(W, tf.mul(t.eta, tf.matMul(t.Xt as tfjs.Tensor2D, g))) as tfjs.Tensor2D;
    });
    W.dispose();
    this.W = next;
  }

  /** The weights [d, runs·m] as a tensor; inside tidy. */
  private weightsDR(): tfjs.Tensor2D {
    return this.W ?? this.tf.transpose(this.heapStep!.Wt);
  }

  /** Outputs [rows, runs] on inputs X [rows, d]; inside tidy. */
  private out(X: tfjs.Tensor): tfjs.Tensor2D {
    const { tf, t } = this;
    return tf.matMul(
      this.a.f(tf, tf.matMul(X as tfjs.Tensor2D, this.weightsDR())) as tfjs.Tensor2D,
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
    const w = this.tf.tidy(() => this.tf.transpose(this.tf.reshape(this.weightsDR(), [d, R, m]), [1, 0, 2]));
    const v = (await w.data()) as Float32Array;
    w.dispose();
    return v;
  }

  dispose(): void {
    this.W?.dispose();
    this.heapStep?.dispose();
    Object.values(this.t).forEach((x) => x.dispose());
  }
}

/**
 * The step on tfjs-wasm, fused: the four products stay XNNPACK's 2-D matMuls, and everything between
 * them (σ, the residuals, the gradient's elementwise terms, η, the update) is one plain loop each over
 * the operands' memory in the wasm heap, instead of ~12 tfjs ops whose fixed cost (~10 µs each) was
 * twice that of the products at these sizes. Every product is written so that its RIGHT operand is a
 * constant (Xᵀ, V, Vᵀ, X): XNNPACK packs a right operand once per tensor, so those written in place (the
 * transposed weights, σ(XW), the residuals, the gradient) are only ever left operands.
 */
class HeapStep {
  /** the weights transposed, [runs·m, d], updated in place */
  readonly Wt: tfjs.Tensor2D;
  /** σ(X W) [n, runs·m], residuals [n, runs], η ⊙ gradient transposed [runs·m, n]: written in place */
  private readonly H: tfjs.Tensor2D;
  private readonly Res: tfjs.Tensor2D;
  private readonly Gt: tfjs.Tensor2D;
  private readonly lam: Float32Array;
  private readonly eta: Float32Array;
  /** Φ side by side [n, runs·m] in the heap, for the SIMD kernels */
  private readonly phiT: tfjs.Tensor2D | null;

  constructor(
    private readonly tf: Tf,
    private readonly heap: WasmHeap,
    /** the elementwise loops as wasm SIMD kernels (kernelStepSimd.wat), else null: JavaScript loops */
    private readonly kernels: KernelStepKernels | null,
    private readonly s: BatchSpec,
    private readonly t: Record<string, tfjs.Tensor>,
    private readonly phi: Float32Array,
    W0: Float32Array,
  ) {
    const { runs: R, n, d, m } = s;
    const c = R * m;
    const Wt = new Float32Array(c * d);
    for (let j = 0; j < d; j++) for (let k = 0; k < c; k++) Wt[k * d + j] = W0[j * c + k];
    this.Wt = tf.tensor2d(Wt, [c, d]);
    this.H = tf.tensor2d(new Float32Array(n * c), [n, c]);
    this.Res = tf.tensor2d(new Float32Array(n * R), [n, R]);
    this.Gt = tf.tensor2d(new Float32Array(c * n), [c, n]);
    this.lam = Float32Array.from({ length: c }, (_, k) => s.lam[Math.floor(k / m)]);
    this.eta = Float32Array.from({ length: c }, (_, k) => s.eta[Math.floor(k / m)]);
    this.phiT = kernels ? tf.tensor2d(phi, [n, c]) : null;
  }

  /** The residuals f − y of every run, [n, runs], into this.Res, from this.H = σ(XW). */
  private residuals(): void {
    const { tf, heap, t, s } = this;
    const { runs: R, n } = s;
    const f = tf.matMul(this.H, t.Vb as tfjs.Tensor2D); // [n, R]
    const F = heap.typedArrayFromHeap(f);
    const Res = heap.typedArrayFromHeap(this.Res);
    const y = s.y;
    for (let i = 0; i < n; i++) for (let r = 0; r < R; r++) Res[i * R + r] = F[i * R + r] - y[i];
    f.dispose();
  }

  /** The step with the elementwise work in the SIMD kernels: the same operations as step()'s loops. */
  private stepSimd(k: KernelStepKernels): void {
    const { tf, heap, t, s } = this;
    const { runs: R, n, d, m } = s;
    const c = R * m;
    const tanh = s.activation === 'tanh' ? 1 : 0;
    // byte offsets, taken after the product that may have grown the heap (the heap's own pointers
    // never move: only JavaScript views of it are detached by growth)
    const at = (x: tfjs.Tensor) => heap.typedArrayFromHeap(x).byteOffset;
    const pre = tf.matMul(this.Wt, t.Xt as tfjs.Tensor2D); // [c, n]
    k.activate(at(pre), at(this.H), c, n, tanh);
    pre.dispose();
    this.residuals();
    const back = tf.matMul(this.Res, t.VbT as tfjs.Tensor2D); // [n, c]
    k.gradient(at(this.H), at(back), at(this.phiT!), at(t.lam), at(t.eta), at(this.Gt), c, n, tanh);
    back.dispose();
    const u = tf.matMul(this.Gt, t.X as tfjs.Tensor2D); // [c, d]
    k.subtract(at(this.Wt), at(u), c * d);
    u.dispose();
  }

  step(): void {
    if (this.kernels) return this.stepSimd(this.kernels);
    const { tf, heap, t, s } = this;
    const { runs: R, n, m } = s;
    const c = R * m;
    const tanh = s.activation === 'tanh';
    // A product may grow the heap, which detaches earlier views: each view is taken after the last product.
    const pre = tf.matMul(this.Wt, t.Xt as tfjs.Tensor2D); // [c, n]
    let P = heap.typedArrayFromHeap(pre);
    let H = heap.typedArrayFromHeap(this.H);
    for (let k = 0; k < c; k++)
      for (let i = 0; i < n; i++) {
        const z = P[k * n + i];
        H[i * c + k] = tanh ? tanhFloat32(z) : z > 0 ? z : 0;
      }
    this.residuals();
    const back = tf.matMul(this.Res, t.VbT as tfjs.Tensor2D); // [n, c]
    const B = heap.typedArrayFromHeap(back);
    const G = heap.typedArrayFromHeap(this.Gt);
    P = heap.typedArrayFromHeap(pre);
    H = heap.typedArrayFromHeap(this.H);
    const { lam, eta, phi } = this;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < c; k++) {
        const h = H[i * c + k];
        const ds = tanh ? 1 - h * h : P[k * n + i] > 0 ? 1 : 0;
        G[k * n + i] = eta[k] * (B[i * c + k] + lam[k] * (h - phi[i * c + k])) * ds;
      }
    back.dispose();
    pre.dispose();
    const u = tf.matMul(this.Gt, t.X as tfjs.Tensor2D); // [c, d]
    const U = heap.typedArrayFromHeap(u);
    const W = heap.typedArrayFromHeap(this.Wt);
    for (let q = 0; q < U.length; q++) W[q] -= U[q];
    u.dispose();
  }

  dispose(): void {
    this.tf.dispose([this.Wt, this.H, this.Res, this.Gt, ...(this.phiT ? [this.phiT] : [])]);
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
