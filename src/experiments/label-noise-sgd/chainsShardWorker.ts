import { advanceChainsCpu, type OlsData } from './sgdCpu';

/**
 * One shard of the CPU chain pool. It owns its chains' positions between steps; the buffers travel
 * to the parent and back by transfer (no copy), so a frame costs no more than the arithmetic.
 */
export type ShardRequest =
  | { type: 'init'; data: OlsData; eta: number; batch: number; pos: Float32Array; rng: Uint32Array }
  | { type: 'step'; steps: number; pos: Float32Array };
export type ShardReply = { type: 'positions'; pos: Float32Array };

let data: OlsData | null = null;
let eta = 0;
let batch = 1;
let rng: Uint32Array = new Uint32Array(0);

self.onmessage = (e: MessageEvent<ShardRequest>) => {
  const m = e.data;
  if (m.type === 'init') {
    ({ data, eta, batch, rng } = m);
    (self as unknown as Worker).postMessage({ type: 'positions', pos: m.pos } satisfies ShardReply, [
      m.pos.buffer,
    ]);
    return;
  }
  advanceChainsCpu(data!, eta, batch, m.pos, rng, m.steps);
  (self as unknown as Worker).postMessage({ type: 'positions', pos: m.pos } satisfies ShardReply, [
    m.pos.buffer,
  ]);
};
