import type { BenchParams } from './benchParams';
import type { JobContext } from '../../engine/job';
import { chainSeed } from '../../math/chainRng';
import { ChainPool } from './chainsPool';
import { TfjsOlsChains } from './chainsTfjs';
import { makePanelData } from './model';
import { beta0 } from './problem';
import { advanceChainsCpu, advancePathCpu } from './sgdCpu';
import { WgslOlsChains } from './wgslChains';

export interface BenchResult {
  backend: string;
  pathMs: number;
  pathItersPerSec: number;
  engines: { engine: string; chains: number; steps: number; ms: number; chainStepsPerSec: number }[];
}

/** Throughput of this experiment's hot loops on the engine's backend (used by `npm run bench`). */
export async function* labelNoiseSgdBenchJob(
  p: BenchParams,
  ctx: JobContext,
): AsyncGenerator<BenchResult, void, void> {
  const d = makePanelData(100, 1, 0.5, [20, 20, 0]);
  const runPath = () => {
    const t0 = performance.now();
    advancePathCpu(
      d.soa,
      d.soa.y,
      0.01,
      5,
      { beta: [0, 0], rng: 1, iter: 0 },
      p.iterations,
      50,
      () => undefined,
    );
    return performance.now() - t0;
  };
  runPath();
  const pathMs = Math.min(runPath(), runPath(), runPath());
  const engines: BenchResult['engines'] = [];
  const init = (chains: number) => ({
    pos: new Float32Array(2 * chains).fill(0),
    rng: Uint32Array.from({ length: chains }, (_, c) => chainSeed(1, c)),
  });
  {
    const { pos, rng } = init(p.jsChains);
    advanceChainsCpu(d.soa, 0.01, 5, pos, rng, 5);
    const t0 = performance.now();
    advanceChainsCpu(d.soa, 0.01, 5, pos, rng, p.jsSteps);
    const ms = performance.now() - t0;
    engines.push({
      engine: 'typed-array loop',
      chains: p.jsChains,
      steps: p.jsSteps,
      ms,
      chainStepsPerSec: (p.jsChains * p.jsSteps * 1000) / ms,
    });
  }
  if (ChainPool.available()) {
    const threads = navigator.hardwareConcurrency;
    const { pos, rng } = init(p.jsChains);
    const pool = await ChainPool.create(d.soa, 0.01, 5, pos, rng, threads);
    await pool.step(5);
    const t0 = performance.now();
    await pool.step(p.jsSteps);
    pool.positions();
    const ms = performance.now() - t0;
    pool.dispose();
    engines.push({
      engine: `typed-array loop, ${threads} threads`,
      chains: p.jsChains,
      steps: p.jsSteps,
      ms,
      chainStepsPerSec: (p.jsChains * p.jsSteps * 1000) / ms,
    });
  }
  {
    const ch = new TfjsOlsChains(ctx.tf, d.soa, 0.01, 5, p.tfjsChains, 1, beta0);
    ch.step(2);
    await ch.positions();
    const t0 = performance.now();
    ch.step(p.tfjsSteps);
    await ch.positions();
    const ms = performance.now() - t0;
    ch.dispose();
    engines.push({
      engine: `tfjs ops (${ctx.backend})`,
      chains: p.tfjsChains,
      steps: p.tfjsSteps,
      ms,
      chainStepsPerSec: (p.tfjsChains * p.tfjsSteps * 1000) / ms,
    });
  }
  if (ctx.gpuDevice) {
    for (const chains of p.gpuChains) {
      const { pos, rng } = init(chains);
      const k = WgslOlsChains.create(ctx.gpuDevice, {
        x0: Float32Array.from(d.soa.x0),
        x1: Float32Array.from(d.soa.x1),
        y: Float32Array.from(d.soa.y),
        n: 100,
        eta: 0.01,
        batch: 5,
        pos,
        rng,
      });
      k.run(10);
      await k.readPositions(1);
      const t0 = performance.now();
      k.run(p.gpuSteps);
      await k.readPositions(1);
      const ms = performance.now() - t0;
      k.dispose();
      engines.push({
        engine: 'fused WGSL kernel',
        chains,
        steps: p.gpuSteps,
        ms,
        chainStepsPerSec: (chains * p.gpuSteps * 1000) / ms,
      });
    }
  }
  yield { backend: ctx.backend, pathMs, pathItersPerSec: (p.iterations * 1000) / pathMs, engines };
}
