/**
 * Fused WebGPU kernel for many independent SGD chains on two-feature least squares.
 *
 * It reproduces `advanceChainsCpu` (sgdCpu.ts) step for step: the same xorshift32 stream per chain,
 * index `indexOf(s, n)` (chainRng.ts), rejection of indices already drawn in the current step, all residuals at the
 * pre-step β, then β ← β − (η/B)·Σ xᵢ rᵢ. Arithmetic is f32 (the CPU accumulates in f64 and rounds
 * β to f32 each step), so positions agree to float rounding while rng states agree bit for bit.
 *
 * Layout: one invocation per chain. Every workgroup first copies the (≤ 1000-sample) data set into
 * workgroup memory, because each step reads B random samples and workgroup memory is far cheaper to
 * hit randomly than global memory. Chain state (β, rng) lives in registers for a whole dispatch of
 * many steps, so global memory is touched only twice per chain per dispatch.
 */

export interface ChainsInit {
  x0: Float32Array;
  x1: Float32Array;
  y: Float32Array;
  n: number;
  eta: number;
  batch: number;
  /** 2*chains, interleaved b0,b1 */
  pos: Float32Array;
  /** one nonzero xorshift32 state per chain */
  rng: Uint32Array;
}

/** Largest data set: 1000 samples × vec4<f32> = 16000 B fits the 16 KiB default workgroup storage. */
const WGSL_CHAINS_MAX_N = 1000;
/** Largest batch: bounds the per-invocation index array used for repeat rejection. */
const WGSL_CHAINS_MAX_BATCH = 64;
const PREFERRED_WORKGROUP = 256;
const PARAM_BYTES = 32;

function shaderSource(workgroupSize: number): string {
  return /* wgsl */ `
struct Params {
  n: u32,
  batch: u32,
  steps: u32,
  chains: u32,
  eta: f32,
  // Padding to 32 bytes keeps the uniform buffer size a multiple of 16.
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// Samples packed as (x0, x1, y, 0) so one 128-bit load fetches a whole sample.
@group(0) @binding(1) var<storage, read> data: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> pos: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> rng: array<u32>;

const WG: u32 = ${workgroupSize}u;
const MAX_N: u32 = ${WGSL_CHAINS_MAX_N}u;
const MAX_B: u32 = ${WGSL_CHAINS_MAX_BATCH}u;

var<workgroup> tile: array<vec4<f32>, MAX_N>;

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let n = params.n;
  // Cooperative load; every invocation (even past the last chain) must reach the barrier.
  for (var i = lid; i < n; i += WG) {
    tile[i] = data[i];
  }
  workgroupBarrier();

  // 2-D dispatch when the chain count needs more than maxComputeWorkgroupsPerDimension groups.
  let c = (wid.y * nwg.x + wid.x) * WG + lid;
  if (c >= params.chains) {
    return;
  }

  var b = pos[c];
  var s = rng[c];
  let batch = params.batch;
  let scale = params.eta / f32(batch);
  // Indices drawn so far in this step, for rejecting repeats (sampling without replacement).
  var idx: array<u32, MAX_B>;

  for (var t = 0u; t < params.steps; t++) {
    var g = vec2<f32>(0.0, 0.0);
    for (var j = 0u; j < batch; j++) {
      var i = 0u;
      loop {
        // xorshift32, identical to chainRng.ts (u32 shifts discard high bits like JS >>> 0).
        s ^= s << 13u;
        s ^= s >> 17u;
        s ^= s << 5u;
        // indexOf() in chainRng.ts: floor(s·n / 2³²) from 16-bit halves, exact in u32 for n < 2¹⁶.
        i = ((s >> 16u) * n + (((s & 0xffffu) * n) >> 16u)) >> 16u;
        var fresh = true;
        for (var k = 0u; k < j; k++) {
          if (idx[k] == i) {
            fresh = false;
            break;
          }
        }
        if (fresh) {
          break;
        }
      }
      idx[j] = i;
      let d = tile[i];
      // Residual at the pre-step beta: β is only updated after the whole batch.
      let r = d.x * b.x + d.y * b.y - d.z;
      g += d.xy * r;
    }
    b -= scale * g;
  }

  pos[c] = b;
  rng[c] = s;
}
`;
}

function checkHyper(eta: number, batch: number, n: number): void {
  if (!Number.isFinite(eta) || eta <= 0)
    throw new Error(`WgslOlsChains: eta must be a finite positive number, got ${eta}`);
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`WgslOlsChains: batch must be a positive integer, got ${batch}`);
  if (batch > WGSL_CHAINS_MAX_BATCH)
    throw new Error(`WgslOlsChains: batch ${batch} exceeds the kernel maximum of ${WGSL_CHAINS_MAX_BATCH}`);
  // Without this the rejection loop could never find `batch` distinct indices and would hang the GPU.
  if (batch > n) throw new Error(`WgslOlsChains: batch ${batch} exceeds the number of samples n = ${n}`);
}

function validate(init: ChainsInit): void {
  const { n } = init;
  if (!Number.isInteger(n) || n < 1) throw new Error(`WgslOlsChains: n must be a positive integer, got ${n}`);
  if (n > WGSL_CHAINS_MAX_N)
    throw new Error(`WgslOlsChains: n = ${n} exceeds the kernel maximum of ${WGSL_CHAINS_MAX_N}`);
  for (const [name, arr] of [
    ['x0', init.x0],
    ['x1', init.x1],
    ['y', init.y],
  ] as const) {
    if (arr.length !== n) throw new Error(`WgslOlsChains: ${name}.length = ${arr.length} but n = ${n}`);
  }
  checkHyper(init.eta, init.batch, n);
  const chains = init.rng.length;
  if (chains < 1) throw new Error('WgslOlsChains: need at least one chain (rng is empty)');
  if (init.pos.length !== 2 * chains)
    throw new Error(
      `WgslOlsChains: pos.length = ${init.pos.length} but must be 2 × rng.length = ${2 * chains}`,
    );
  // State 0 is xorshift32's fixed point: the chain would draw index 0 forever and, for batch ≥ 2,
  // spin in the rejection loop.
  const zero = init.rng.indexOf(0);
  if (zero >= 0) throw new Error(`WgslOlsChains: rng state of chain ${zero} is 0 (xorshift32 fixed point)`);
}

export class WgslOlsChains {
  readonly chains: number;
  readonly n: number;
  /** the GPUBuffer holding positions (vec2<f32> per chain), usable zero-copy by tfjs */
  readonly positionBuffer: GPUBuffer;
  readonly rngBuffer: GPUBuffer;
  readonly workgroupSize: number;
  /** Default split of `run`; keeps single dispatches short (watchdogs, UI responsiveness). */
  stepsPerDispatch = 256;

  private readonly device: GPUDevice;
  private readonly dataBuffer: GPUBuffer;
  private readonly paramBuffer: GPUBuffer;
  private readonly pipeline: GPUComputePipeline;
  private readonly bindGroup: GPUBindGroup;
  private readonly groups: [number, number];
  private readonly params = new ArrayBuffer(PARAM_BYTES);
  private readonly paramsU32 = new Uint32Array(this.params);
  private readonly paramsF32 = new Float32Array(this.params);
  private eta: number;
  private batch: number;
  private disposed = false;

  private constructor(device: GPUDevice, init: ChainsInit) {
    this.device = device;
    this.chains = init.rng.length;
    this.n = init.n;
    this.eta = init.eta;
    this.batch = init.batch;
    const limits = device.limits;

    // 256 is within the WebGPU default limits, but a device may have been created with lower ones.
    this.workgroupSize = Math.min(
      PREFERRED_WORKGROUP,
      limits.maxComputeWorkgroupSizeX,
      limits.maxComputeInvocationsPerWorkgroup,
    );
    if (WGSL_CHAINS_MAX_N * 16 > limits.maxComputeWorkgroupStorageSize)
      throw new Error(
        `WgslOlsChains: device allows ${limits.maxComputeWorkgroupStorageSize} B of workgroup storage, kernel needs ${WGSL_CHAINS_MAX_N * 16}`,
      );
    const posBytes = this.chains * 8;
    const maxBinding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
    if (posBytes > maxBinding)
      throw new Error(
        `WgslOlsChains: ${this.chains} chains need ${posBytes} B of positions, device binding limit is ${maxBinding}`,
      );

    const totalGroups = Math.ceil(this.chains / this.workgroupSize);
    const maxDim = limits.maxComputeWorkgroupsPerDimension;
    const gx = Math.min(totalGroups, maxDim);
    const gy = Math.ceil(totalGroups / gx);
    if (gy > maxDim) throw new Error(`WgslOlsChains: ${this.chains} chains exceed the dispatch limits`);
    this.groups = [gx, gy];

    const packed = new Float32Array(4 * this.n);
    for (let i = 0; i < this.n; i++) {
      packed[4 * i] = init.x0[i];
      packed[4 * i + 1] = init.x1[i];
      packed[4 * i + 2] = init.y[i];
    }
    this.dataBuffer = this.upload('ols-chains-data', packed, GPUBufferUsage.STORAGE);
    // COPY_SRC | STORAGE is what tfjs requires for zero-copy tensors; COPY_DST allows re-seeding.
    const stateUsage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.positionBuffer = this.upload('ols-chains-pos', init.pos, stateUsage);
    this.rngBuffer = this.upload('ols-chains-rng', init.rng, stateUsage);
    this.paramBuffer = device.createBuffer({
      label: 'ols-chains-params',
      size: PARAM_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.writeParams(0);

    const module = device.createShaderModule({ label: 'ols-chains', code: shaderSource(this.workgroupSize) });
    this.pipeline = device.createComputePipeline({
      label: 'ols-chains',
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
    });
    this.bindGroup = device.createBindGroup({
      label: 'ols-chains',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.paramBuffer } },
        { binding: 1, resource: { buffer: this.dataBuffer } },
        { binding: 2, resource: { buffer: this.positionBuffer } },
        { binding: 3, resource: { buffer: this.rngBuffer } },
      ],
    });
  }

  static create(device: GPUDevice, init: ChainsInit): WgslOlsChains {
    validate(init);
    return new WgslOlsChains(device, init);
  }

  /** Enqueue `steps` SGD steps for every chain, in dispatches of at most `stepsPerDispatch` steps. */
  run(steps: number, stepsPerDispatch = this.stepsPerDispatch): void {
    this.assertAlive();
    if (!Number.isInteger(steps) || steps < 0)
      throw new Error(`WgslOlsChains.run: steps must be a non-negative integer, got ${steps}`);
    if (!Number.isInteger(stepsPerDispatch) || stepsPerDispatch < 1)
      throw new Error(
        `WgslOlsChains.run: stepsPerDispatch must be a positive integer, got ${stepsPerDispatch}`,
      );
    const full = Math.floor(steps / stepsPerDispatch);
    const rest = steps - full * stepsPerDispatch;
    // queue.writeBuffer is ordered with submits, so each submit sees the step count written just
    // before it: all full-size dispatches share one submit, the remainder gets its own.
    if (full > 0) this.submit(stepsPerDispatch, full);
    if (rest > 0) this.submit(rest, 1);
  }

  /** Copy back the first `count` chains' positions (interleaved b0,b1). */
  async readPositions(count = this.chains): Promise<Float32Array> {
    if (!Number.isInteger(count) || count < 0 || count > this.chains)
      throw new Error(
        `WgslOlsChains.readPositions: count must be an integer in [0, ${this.chains}], got ${count}`,
      );
    return new Float32Array(await this.readBack(this.positionBuffer, count * 8));
  }

  /** Copy back every chain's xorshift32 state. */
  async readRng(): Promise<Uint32Array> {
    return new Uint32Array(await this.readBack(this.rngBuffer, this.chains * 4));
  }

  /** Change η and B for subsequent `run`s (validated like `create`). */
  setHyper(eta: number, batch: number): void {
    this.assertAlive();
    checkHyper(eta, batch, this.n);
    this.eta = eta;
    this.batch = batch;
    this.writeParams(0);
  }

  /** Free the GPU buffers. A tfjs tensor made zero-copy over `positionBuffer` must be disposed first. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dataBuffer.destroy();
    this.positionBuffer.destroy();
    this.rngBuffer.destroy();
    this.paramBuffer.destroy();
  }

  private submit(steps: number, dispatches: number): void {
    this.writeParams(steps);
    const encoder = this.device.createCommandEncoder({ label: 'ols-chains' });
    const pass = encoder.beginComputePass({ label: 'ols-chains' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    // Consecutive dispatches are separate usage scopes, so WebGPU orders their storage accesses.
    for (let d = 0; d < dispatches; d++) pass.dispatchWorkgroups(this.groups[0], this.groups[1]);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  private writeParams(steps: number): void {
    this.paramsU32[0] = this.n;
    this.paramsU32[1] = this.batch;
    this.paramsU32[2] = steps;
    this.paramsU32[3] = this.chains;
    this.paramsF32[4] = this.eta;
    this.device.queue.writeBuffer(this.paramBuffer, 0, this.params);
  }

  private upload(label: string, src: Float32Array | Uint32Array, usage: number): GPUBuffer {
    // mappedAtCreation needs a size that is a multiple of 4 (always true here) and avoids an extra copy.
    const buffer = this.device.createBuffer({
      label,
      size: Math.max(16, src.byteLength),
      usage,
      mappedAtCreation: true,
    });
    const Ctor = src instanceof Float32Array ? Float32Array : Uint32Array;
    new Ctor(buffer.getMappedRange()).set(src);
    buffer.unmap();
    return buffer;
  }

  private async readBack(src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    this.assertAlive();
    if (bytes === 0) return new ArrayBuffer(0);
    const staging = this.device.createBuffer({
      label: 'ols-chains-readback',
      size: bytes,
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    const encoder = this.device.createCommandEncoder({ label: 'ols-chains-readback' });
    encoder.copyBufferToBuffer(src, 0, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    try {
      await staging.mapAsync(GPUMapMode.READ);
      return staging.getMappedRange().slice(0);
    } finally {
      staging.destroy();
    }
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('WgslOlsChains: used after dispose()');
  }
}
