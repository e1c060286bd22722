import type { BackendChoice, BackendReport, FromWorker, JobBackendReport, ToWorker } from './protocol';

export interface EngineHandlers {
  onReady(report: BackendReport): void;
  /** frames of the current run only; stale runs are dropped here */
  onFrame(runId: number, frame: unknown): void;
  onDone(runId: number): void;
  onError(runId: number | null, message: string): void;
  /**
   * The worker cannot go on: it threw outside any run (a crash) or its GPU device was lost. The owner
   * decides whether to start a fresh worker; without this handler a crash is reported as an error.
   */
  onFatal?(kind: 'crash' | 'device-lost', message: string): void;
  /** the current run's job chose its own backend by its probe */
  onJobBackend?(report: JobBackendReport): void;
}

/**
 * The UI-thread side of the engine. Each start gets a fresh run id; anything the worker sends for an
 * older id (frames already in the message queue when the user moved a slider) is discarded.
 */
export class EngineClient {
  private worker: Worker;
  private runId = 0;
  private memoryWaiters: ((m: { numTensors: number; numBytes: number }) => void)[] = [];

  constructor(
    makeWorker: () => Worker,
    private handlers: EngineHandlers,
  ) {
    this.worker = makeWorker();
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      const message = e.message || 'the engine worker crashed';
      if (handlers.onFatal) {
        // Handled here: a restart is on its way, the console need not repeat it as an error.
        e.preventDefault();
        handlers.onFatal('crash', message);
      } else handlers.onError(null, message);
    };
  }

  get currentRun(): number {
    return this.runId;
  }

  init(backend: BackendChoice): void {
    this.runId++;
    this.send({ type: 'init', backend });
  }

  start(job: string, params: unknown): number {
    const runId = ++this.runId;
    this.send({ type: 'start', runId, job, params });
    return runId;
  }

  pause(): void {
    this.send({ type: 'pause', runId: this.runId });
  }
  resume(): void {
    this.send({ type: 'resume', runId: this.runId });
  }
  step(): void {
    this.send({ type: 'step', runId: this.runId });
  }
  cancel(): void {
    this.send({ type: 'cancel', runId: this.runId });
    this.runId++;
  }
  terminate(): void {
    this.worker.terminate();
  }
  /** tf.memory() in the worker (numTensors, numBytes), answered between frames */
  memory(): Promise<{ numTensors: number; numBytes: number }> {
    return new Promise((resolve) => {
      this.memoryWaiters.push(resolve);
      this.send({ type: 'memory' });
    });
  }
  /** test builds only: the worker ignores this unless built with VITE_LAB_HOOKS=1 */
  injectFault(kind: 'crash' | 'lose-device'): void {
    this.send({ type: 'fault', kind });
  }

  private send(msg: ToWorker) {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker) {
    switch (msg.type) {
      case 'ready':
        return this.handlers.onReady(msg.report);
      case 'frame':
        if (msg.runId === this.runId) this.handlers.onFrame(msg.runId, msg.frame);
        return;
      case 'job-backend':
        if (msg.runId === this.runId) this.handlers.onJobBackend?.(msg.report);
        return;
      case 'done':
        if (msg.runId === this.runId) this.handlers.onDone(msg.runId);
        return;
      case 'error':
        if (msg.runId === null || msg.runId === this.runId) this.handlers.onError(msg.runId, msg.message);
        return;
      case 'memory':
        this.memoryWaiters.shift()?.({ numTensors: msg.numTensors, numBytes: msg.numBytes });
        return;
      case 'device-lost':
        if (this.handlers.onFatal) this.handlers.onFatal('device-lost', msg.message);
        else this.handlers.onError(null, `GPU device lost: ${msg.message}`);
        return;
    }
  }
}
