import type { OlsData } from './sgdCpu';
import type { ShardReply, ShardRequest } from './chainsShardWorker';

/**
 * The typed-array chain loop spread over worker threads, one shard of chains each. Chains are
 * independent, so this scales with cores; each chain's rng stream is the same as in the single-thread
 * loop, so results are identical whatever the shard count.
 */
/**
 * Shard workers left by finished or cancelled runs, idle and ready: a slider that restarts the run
 * reuses them instead of starting module workers again (tens of ms each, before the first frame).
 */
const idle: Worker[] = [];
const maxIdle = 16;

export class ChainPool {
  private workers: Worker[] = [];
  /** a request in flight per worker: such a worker is terminated, not reused (its reply is stale) */
  private busy: boolean[] = [];
  private bufs: Float32Array[] = [];
  private offsets: number[] = [];
  private out: Float32Array;

  private constructor(readonly chains: number) {
    this.out = new Float32Array(2 * chains);
  }

  static available(): boolean {
    return typeof Worker !== 'undefined' && (globalThis.navigator?.hardwareConcurrency ?? 1) > 1;
  }

  static async create(
    data: OlsData,
    eta: number,
    batch: number,
    pos: Float32Array,
    rng: Uint32Array,
    shards: number,
  ): Promise<ChainPool> {
    const chains = rng.length;
    const pool = new ChainPool(chains);
    const per = Math.ceil(chains / shards);
    const replies: Promise<void>[] = [];
    for (let k = 0, start = 0; start < chains; k++, start += per) {
      const end = Math.min(chains, start + per);
      const w =
        idle.pop() ?? new Worker(new URL('./chainsShardWorker.ts', import.meta.url), { type: 'module' });
      pool.workers.push(w);
      pool.busy.push(false);
      pool.offsets.push(start);
      const slice = pos.slice(2 * start, 2 * end);
      replies.push(
        pool.request(k, { type: 'init', data, eta, batch, pos: slice, rng: rng.slice(start, end) }, [
          slice.buffer,
        ]),
      );
    }
    await Promise.all(replies);
    return pool;
  }

  private request(k: number, msg: ShardRequest, transfer: Transferable[]): Promise<void> {
    const w = this.workers[k];
    this.busy[k] = true;
    return new Promise((resolve, reject) => {
      w.onmessage = (e: MessageEvent<ShardReply>) => {
        this.busy[k] = false;
        this.bufs[k] = e.data.pos;
        resolve();
      };
      w.onerror = (e) => reject(new Error(`chain shard ${k} failed: ${e.message}`));
      w.postMessage(msg, transfer);
    });
  }

  async step(steps: number): Promise<void> {
    await Promise.all(this.bufs.map((b, k) => this.request(k, { type: 'step', steps, pos: b }, [b.buffer])));
  }

  /** All positions, gathered into one array (valid until the next step). */
  positions(): Float32Array {
    this.bufs.forEach((b, k) => this.out.set(b, 2 * this.offsets[k]));
    return this.out;
  }

  dispose(): void {
    this.workers.forEach((w, k) => {
      w.onmessage = null;
      w.onerror = null;
      if (this.busy[k] || idle.length >= maxIdle) w.terminate();
      else idle.push(w);
    });
    this.workers = [];
  }
}
