/**
 * Full-batch gradient descent of the two-layer network of twoLayer.ts as fused WGSL on a WebGPU device.
 *
 * Why: through tfjs a step is about 25 ops, and on a GPU each op costs far more in dispatch than in
 * arithmetic (7 ms per step on an H200 against 0.33 ms of kernels). Here a step is five dispatches with
 * fixed bind groups, many steps are encoded into one compute pass and one submit, and nothing is read
 * back until the caller asks for the weights. The same math as TwoLayerNet.forward/gradient (ReLU):
 *
 *   P = X W_r                              (tiled matmul, per run r)
 *   F_r = relu(P) V                        (one workgroup per row, reduced over the width)
 *   R_r = F_r − target_r(F, t)             (the caller's residual stage: one workgroup, see below)
 *   P ← (R_r Vᵀ) ⊙ [P > 0]                 (in place: P becomes ∂L/∂(X W))
 *   W_r ← W_r − η Xᵀ P                      (tiled matmul, accumulated into W)
 *
 * in float32 with another summation order than tfjs, so runs agree with the tfjs path to float rounding.
 *
 * The residual stage is WGSL the caller writes (the targets are the experiment's business, e.g.
 * Algorithm 1's ŷ_t = α_t y + (1 − α_t) h(f)): it is compiled after `residualStageHeader(...)`, which
 * declares the constants N, C, RUNS, WG and the bindings F, R, Y, yClass and `counter`; it must define
 * `@compute @workgroup_size(WG) fn main(@builtin(local_invocation_index) lid: u32)`, read the step index
 * t from counter[0] and leave counter[0] = t + 1. It runs as a single workgroup.
 */

export interface FusedTwoLayerInit {
  /** training points, input dimension, hidden width m, outputs C, weight sets side by side */
  n: number;
  d: number;
  width: number;
  outputs: number;
  runs: number;
  /** inputs, n × d row-major */
  X: Float32Array;
  /** the fixed output layer, m × C (outputLayer() of twoLayer.ts) */
  V: Float32Array;
  /** initial weights, d × (runs·m), runs side by side (as TwoLayerNet stores them) */
  W: Float32Array;
  /** labels for the residual stage, n × C */
  Y: Float32Array;
  /** class index per point for the residual stage (C > 1); zeros when absent */
  yClass?: Int32Array | Uint32Array;
  /** step size η */
  eta: number;
  /** the residual stage's body (see the file comment) */
  residualShader: string;
}

/** Residual-stage workgroup size. */
const RESIDUAL_WG = 256;
/** Outputs per point the reduction holds in workgroup memory (WG · C floats ≤ 16 KiB). */
export const FUSED_MAX_OUTPUTS = 16;
const TILE = 16;
const ROW_WG = 256;

/** The declarations every residual stage is compiled after. */
function residualStageHeader(n: number, outputs: number, runs: number): string {
  return /* wgsl */ `
const N: u32 = ${n}u;
const C: u32 = ${outputs}u;
const RUNS: u32 = ${runs}u;
const WG: u32 = ${RESIDUAL_WG}u;
// network outputs f, [RUNS, N, C]
@group(0) @binding(0) var<storage, read> F: array<f32>;
// residuals f − target written here, [RUNS, N, C]
@group(0) @binding(1) var<storage, read_write> R: array<f32>;
// labels, [N, C]
@group(0) @binding(2) var<storage, read> Y: array<f32>;
// class index per point, [N]
@group(0) @binding(3) var<storage, read> yClass: array<u32>;
// counter[0]: the step index t (the stage advances it)
@group(0) @binding(4) var<storage, read_write> counter: array<u32>;
`;
}

/** Where element (run r, row, col) of a matrix lies: r·run + row·row + col. */
interface Strides {
  run: number;
  row: number;
}

/**
 * C[r] = A · B[r] (mode 'set') or C[r] −= η A · B[r] (mode 'descend'), A [M, K] shared by the runs (or
 * stored transposed, [K, M]), B[r] [K, Ncols] and C[r] [M, Ncols] laid out by their strides; 16 × 16
 * tiles in workgroup memory.
 */
function matmulShader(
  M: number,
  K: number,
  Ncols: number,
  transA: boolean,
  mode: 'set' | 'descend',
  b: Strides,
  c: Strides,
): string {
  const aAt = transA ? `A[k * ${M}u + row]` : `A[row * ${K}u + k]`;
  const write = mode === 'set' ? `Cm[at] = acc;` : `Cm[at] = Cm[at] - params.eta * acc;`;
  return /* wgsl */ `
struct Params { eta: f32, _p0: f32, _p1: f32, _p2: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> Cm: array<f32>;
const M: u32 = ${M}u;
const K: u32 = ${K}u;
const NC: u32 = ${Ncols}u;
const TS: u32 = ${TILE}u;
var<workgroup> As: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> Bs: array<array<f32, ${TILE}>, ${TILE}>;

fn aAt(row: u32, k: u32) -> f32 {
  if (row < M && k < K) { return ${aAt}; }
  return 0.0;
}

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let row = wg.y * TS + lid.y;
  let col = wg.x * TS + lid.x;
  let r = wg.z;
  let bBase = r * ${b.run}u;
  var acc = 0.0;
  for (var k0 = 0u; k0 < K; k0 = k0 + TS) {
    As[lid.y][lid.x] = aAt(row, k0 + lid.x);
    let bk = k0 + lid.y;
    var b = 0.0;
    if (bk < K && col < NC) { b = B[bBase + bk * ${b.row}u + col]; }
    Bs[lid.y][lid.x] = b;
    workgroupBarrier();
    for (var kk = 0u; kk < TS; kk = kk + 1u) {
      acc = acc + As[lid.y][kk] * Bs[kk][lid.x];
    }
    workgroupBarrier();
  }
  if (row < M && col < NC) {
    let at = r * ${c.run}u + row * ${c.row}u + col;
    ${write}
  }
}
`;
}

/** F[r, i, :] = Σ_k relu(P[r, i, k]) V[k, :]: one workgroup per (i, r), reduced in workgroup memory. */
function outputsShader(n: number, m: number, C: number): string {
  return /* wgsl */ `
@group(0) @binding(0) var<storage, read> P: array<f32>;
@group(0) @binding(1) var<storage, read> V: array<f32>;
@group(0) @binding(2) var<storage, read_write> F: array<f32>;
const N: u32 = ${n}u;
const M: u32 = ${m}u;
const C: u32 = ${C}u;
const WG: u32 = ${ROW_WG}u;
var<workgroup> red: array<f32, ${ROW_WG * C}>;

@compute @workgroup_size(${ROW_WG})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = wg.x;
  let r = wg.y;
  let pBase = (r * N + i) * M;
  var acc: array<f32, ${C}>;
  for (var c = 0u; c < C; c = c + 1u) { acc[c] = 0.0; }
  for (var k = lid; k < M; k = k + WG) {
    let h = max(P[pBase + k], 0.0);
    for (var c = 0u; c < C; c = c + 1u) { acc[c] = acc[c] + h * V[k * C + c]; }
  }
  for (var c = 0u; c < C; c = c + 1u) { red[c * WG + lid] = acc[c]; }
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s / 2u) {
    if (lid < s) {
      for (var c = 0u; c < C; c = c + 1u) { red[c * WG + lid] = red[c * WG + lid] + red[c * WG + lid + s]; }
    }
    workgroupBarrier();
  }
  if (lid < C) { F[(r * N + i) * C + lid] = red[lid * WG]; }
}
`;
}

/** P ← (R Vᵀ) ⊙ [P > 0], elementwise over [RUNS, N, M]. */
function backpropShader(n: number, m: number, C: number, runs: number, gx: number): string {
  return /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> P: array<f32>;
@group(0) @binding(1) var<storage, read> V: array<f32>;
@group(0) @binding(2) var<storage, read> R: array<f32>;
const N: u32 = ${n}u;
const M: u32 = ${m}u;
const C: u32 = ${C}u;
const TOTAL: u32 = ${runs * n * m}u;

@compute @workgroup_size(${ROW_WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.y * ${gx * ROW_WG}u + gid.x;
  if (idx >= TOTAL) { return; }
  let k = idx % M;
  let ri = idx / M; // r * N + i
  var g = 0.0;
  for (var c = 0u; c < C; c = c + 1u) { g = g + R[ri * C + c] * V[k * C + c]; }
  P[idx] = select(0.0, g, P[idx] > 0.0);
}
`;
}

function validate(s: FusedTwoLayerInit): void {
  const { n, d, width: m, outputs: C, runs } = s;
  for (const [k, v] of Object.entries({ n, d, width: m, outputs: C, runs }))
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`FusedTwoLayer: ${k} must be a positive integer, got ${v}`);
  if (C > FUSED_MAX_OUTPUTS) throw new Error(`FusedTwoLayer: at most ${FUSED_MAX_OUTPUTS} outputs, got ${C}`);
  const want: [string, ArrayLike<number>, number][] = [
    ['X', s.X, n * d],
    ['V', s.V, m * C],
    ['W', s.W, runs * d * m],
    ['Y', s.Y, n * C],
  ];
  if (s.yClass) want.push(['yClass', s.yClass, n]);
  for (const [k, a, len] of want)
    if (a.length !== len) throw new Error(`FusedTwoLayer: ${k} has ${a.length} entries, expected ${len}`);
  if (!Number.isFinite(s.eta)) throw new Error(`FusedTwoLayer: eta must be finite, got ${s.eta}`);
}

interface Stage {
  pipeline: GPUComputePipeline;
  bind: GPUBindGroup;
  groups: [number, number, number];
}

/**
 * The weights, data and scratch of one training on the device, and its step as five dispatches.
 * `steps(k)` enqueues k steps (one submit); `weights()` reads W back. Owns its buffers: dispose().
 */
export class FusedTwoLayerTrainer {
  private readonly buffers: GPUBuffer[] = [];
  private readonly stages: Stage[];
  private readonly wBuffer: GPUBuffer;
  private readonly wBytes: number;
  private disposed = false;

  private constructor(
    private readonly device: GPUDevice,
    init: FusedTwoLayerInit,
  ) {
    const { n, d, width: m, outputs: C, runs } = init;
    const limits = device.limits;
    const pBytes = runs * n * m * 4;
    if (pBytes > Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize))
      throw new Error(`FusedTwoLayer: ${runs}×${n}×${m} activations exceed the device's buffer limit`);
    const S = GPUBufferUsage.STORAGE;
    const X = this.upload('X', init.X, S);
    const V = this.upload('V', init.V, S);
    this.wBytes = init.W.byteLength;
    this.wBuffer = this.upload('W', init.W, S | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
    const Y = this.upload('Y', init.Y, S);
    const yc = new Uint32Array(n);
    if (init.yClass) yc.set(init.yClass);
    const yClass = this.upload('yClass', yc, S);
    const counter = this.upload('counter', new Uint32Array(4), S | GPUBufferUsage.COPY_DST);
    const P = this.scratch('P', pBytes);
    const F = this.scratch('F', runs * n * C * 4);
    const R = this.scratch('R', runs * n * C * 4);
    const eta = new Float32Array([init.eta, 0, 0, 0]);
    const etaBuf = this.upload('eta', eta, GPUBufferUsage.UNIFORM);
    const zero = this.upload('zero', new Float32Array(4), GPUBufferUsage.UNIFORM);

    // Explicit layouts (not 'auto'): a stage that leaves a binding unused (a residual stage that never
    // reads yClass) must still accept the same bind group.
    const stage = (
      label: string,
      code: string,
      bufs: [GPUBuffer, GPUBufferBindingType][],
      groups: [number, number, number],
    ): Stage => {
      const module = device.createShaderModule({ label: `two-layer-${label}`, code });
      const layout = device.createBindGroupLayout({
        label: `two-layer-${label}`,
        entries: bufs.map(([, type], binding) => ({
          binding,
          visibility: GPUShaderStage.COMPUTE,
          buffer: { type },
        })),
      });
      const pipeline = device.createComputePipeline({
        label: `two-layer-${label}`,
        layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      const bind = device.createBindGroup({
        label: `two-layer-${label}`,
        layout,
        entries: bufs.map(([buffer], binding) => ({ binding, resource: { buffer } })),
      });
      return { pipeline, bind, groups };
    };
    const ro = (b: GPUBuffer): [GPUBuffer, GPUBufferBindingType] => [b, 'read-only-storage'];
    const rw = (b: GPUBuffer): [GPUBuffer, GPUBufferBindingType] => [b, 'storage'];
    const un = (b: GPUBuffer): [GPUBuffer, GPUBufferBindingType] => [b, 'uniform'];
    const ceil = (a: number) => Math.ceil(a / TILE);
    const maxDim = limits.maxComputeWorkgroupsPerDimension;
    if (n > maxDim || ceil(m) > maxDim) throw new Error('FusedTwoLayer: problem exceeds the dispatch limits');
    const totalGroups = Math.ceil((runs * n * m) / ROW_WG);
    const gx = Math.min(totalGroups, maxDim);
    const gy = Math.ceil(totalGroups / gx);
    // W [d, runs·m] (run r in columns r·m …), activations P [runs, n, m]
    const wide: Strides = { run: m, row: runs * m };
    const act: Strides = { run: n * m, row: m };
    this.stages = [
      stage(
        'forward',
        matmulShader(n, d, m, false, 'set', wide, act),
        [un(zero), ro(X), ro(this.wBuffer), rw(P)],
        [ceil(m), ceil(n), runs],
      ),
      stage('outputs', outputsShader(n, m, C), [ro(P), ro(V), rw(F)], [n, runs, 1]),
      stage(
        'residual',
        residualStageHeader(n, C, runs) + init.residualShader,
        [ro(F), rw(R), ro(Y), ro(yClass), rw(counter)],
        [1, 1, 1],
      ),
      stage('backprop', backpropShader(n, m, C, runs, gx), [rw(P), ro(V), ro(R)], [gx, gy, 1]),
      stage(
        'descend',
        matmulShader(d, n, m, true, 'descend', act, wide),
        [un(etaBuf), ro(X), ro(P), rw(this.wBuffer)],
        [ceil(m), ceil(d), runs],
      ),
    ];
  }

  static create(device: GPUDevice, init: FusedTwoLayerInit): FusedTwoLayerTrainer {
    validate(init);
    return new FusedTwoLayerTrainer(device, init);
  }

  /** Enqueues `count` gradient steps as one compute pass and one submit; returns at once. */
  steps(count: number): void {
    this.assertAlive();
    if (!Number.isInteger(count) || count < 0) throw new Error(`FusedTwoLayer.steps: bad count ${count}`);
    if (count === 0) return;
    const encoder = this.device.createCommandEncoder({ label: 'two-layer-steps' });
    const pass = encoder.beginComputePass({ label: 'two-layer-steps' });
    // Consecutive dispatches are separate usage scopes, so WebGPU orders their storage accesses.
    for (let s = 0; s < count; s++)
      for (const st of this.stages) {
        pass.setPipeline(st.pipeline);
        pass.setBindGroup(0, st.bind);
        pass.dispatchWorkgroups(...st.groups);
      }
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** Resolves when every step enqueued so far has run. */
  async finished(): Promise<void> {
    await this.device.queue.onSubmittedWorkDone();
  }

  /** The current weights, d × (runs·m) (waits for the queued steps). */
  async weights(): Promise<Float32Array> {
    this.assertAlive();
    const staging = this.device.createBuffer({
      label: 'two-layer-readback',
      size: this.wBytes,
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    const encoder = this.device.createCommandEncoder({ label: 'two-layer-readback' });
    encoder.copyBufferToBuffer(this.wBuffer, 0, staging, 0, this.wBytes);
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(GPUMapMode.READ);
      return new Float32Array(staging.getMappedRange().slice(0));
    } finally {
      staging.destroy();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.buffers.forEach((b) => b.destroy());
    this.buffers.length = 0;
  }

  private scratch(label: string, bytes: number): GPUBuffer {
    const b = this.device.createBuffer({
      label: `two-layer-${label}`,
      size: Math.max(16, bytes),
      usage: GPUBufferUsage.STORAGE,
    });
    this.buffers.push(b);
    return b;
  }

  private upload(label: string, src: Float32Array | Uint32Array, usage: number): GPUBuffer {
    const bytes = Math.max(16, Math.ceil(src.byteLength / 4) * 4);
    const b = this.device.createBuffer({
      label: `two-layer-${label}`,
      size: bytes,
      usage,
      mappedAtCreation: true,
    });
    const Ctor = src instanceof Float32Array ? Float32Array : Uint32Array;
    new Ctor(b.getMappedRange()).set(src);
    b.unmap();
    this.buffers.push(b);
    return b;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('FusedTwoLayer: used after dispose()');
  }
}
