/** Typed messages between the UI thread and the engine worker. */
export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];
export type BackendChoice = BackendName | 'auto';

export interface BackendProbe {
  name: BackendName;
  available: boolean;
  /** median ms of the probe workload; null when unavailable */
  ms: number | null;
  note?: string;
}

export interface BackendReport {
  active: BackendName;
  requested: BackendChoice;
  /** why this backend was chosen, in words for the status line */
  reason: string;
  probes: BackendProbe[];
  adapter: { description: string; isFallbackAdapter: boolean } | null;
}

export type ToWorker =
  | { type: 'init'; backend: BackendChoice }
  | { type: 'start'; runId: number; job: string; params: unknown }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'step'; runId: number }
  | { type: 'cancel'; runId: number }
  /** asks for tf.memory(): the load test and the soak watch the tensor count stay flat */
  | { type: 'memory' }
  /** test builds only (VITE_LAB_HOOKS=1): inject a fault; the shipped worker ignores it */
  | { type: 'fault'; kind: 'crash' | 'lose-device' };

/** The backend one job runs on, when its own probe chose another than the worker's default. */
export interface JobBackendReport {
  job: string;
  backend: BackendName;
  /** why, in words for the status line */
  reason: string;
  /** ms of the job's probe per backend tried */
  probes: { name: BackendName; ms: number | null }[];
}

export type FromWorker =
  | { type: 'ready'; report: BackendReport }
  | { type: 'job-backend'; runId: number; report: JobBackendReport }
  | { type: 'frame'; runId: number; seq: number; frame: unknown }
  | { type: 'done'; runId: number }
  | { type: 'error'; runId: number | null; message: string }
  | { type: 'memory'; numTensors: number; numBytes: number }
  /** the WebGPU device is gone (driver reset, GPU process crash, destroy()): this worker cannot go on */
  | { type: 'device-lost'; message: string };
