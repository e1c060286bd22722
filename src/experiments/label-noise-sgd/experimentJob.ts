import type { JobContext } from '../../engine/job';
import { chainSeed } from '../../math/chainRng';
import { ChainPool } from './chainsPool';
import { TfjsOlsChains } from './chainsTfjs';
import { makePanelData, type PanelData } from './model';
import { beta0 } from './problem';
import { maxDrawnChains, maxPathPoints } from './limits';
import { moments2d } from './math/moments';
import { panelsOf, type OlsParams } from './params';
import { advanceChainsCpu, advancePathCpu, type PathState } from './sgdCpu';
import { WgslOlsChains } from './wgslChains';

export type ChainsEngine = 'wgsl' | 'tfjs' | 'js' | 'js-pool';

export interface OlsPanelFrame {
  panel: number;
  /** path iterations done */
  iter: number;
  /** newly recorded path points since the last frame, interleaved x,y */
  noisyAppend: Float32Array;
  cleanAppend: Float32Array;
  pathDivergedAt: number | null;
  chainStep: number;
  /** positions of the displayed chains (a prefix of all chains), interleaved */
  chainsSample: Float32Array;
  /** empirical mean and covariance (xx, yy, xy) over all chains */
  empMean: [number, number];
  empCov: [number, number, number];
  chainsDivergedAt: number | null;
}

export interface OlsFrame {
  panels: OlsPanelFrame[];
  chainsEngine: ChainsEngine;
  /** worker threads the chains run on */
  threads: number;
  chains: number;
  stride: number;
  pathItersPerSec: number;
  chainStepsPerSec: number;
  done: boolean;
}

/** At most this many recorded points per path, and this many chains drawn in all panels together. */
export { maxDrawnChains, maxPathPoints };
/** Work per frame is sized to fit this budget so cancel and pause stay responsive. */
const frameBudgetMs = 25;
/** Beyond this distance from β̂ a run is declared diverged instead of overflowing to NaN. */
const divergenceRadius = 1e6;

interface ChainSet {
  step(steps: number): void | Promise<void>;
  positions(): Promise<Float32Array>;
  dispose(): void;
}

function initialChains(p: OlsParams, panel: number) {
  const pos = new Float32Array(2 * p.chains);
  const rng = new Uint32Array(p.chains);
  for (let c = 0; c < p.chains; c++) {
    pos[2 * c] = beta0[0];
    pos[2 * c + 1] = beta0[1];
    rng[c] = chainSeed(p.seed * 16 + panel, c);
  }
  return { pos, rng };
}

function jsChains(data: PanelData, p: OlsParams, panel: number): ChainSet {
  const { pos, rng } = initialChains(p, panel);
  return {
    step: (steps) => advanceChainsCpu(data.soa, p.eta, p.batch, pos, rng, steps),
    positions: async () => pos,
    dispose: () => undefined,
  };
}

async function pooledChains(data: PanelData, p: OlsParams, panel: number, shards: number): Promise<ChainSet> {
  const { pos, rng } = initialChains(p, panel);
  const pool = await ChainPool.create(data.soa, p.eta, p.batch, pos, rng, shards);
  return {
    step: (s) => pool.step(s),
    positions: async () => pool.positions(),
    dispose: () => pool.dispose(),
  };
}

/** Worker threads pay off only when there is enough work per frame to split. */
const poolThreshold = 16384;

function wgslChains(device: GPUDevice, data: PanelData, p: OlsParams, panel: number): ChainSet {
  const { pos, rng } = initialChains(p, panel);
  const k = WgslOlsChains.create(device, {
    x0: Float32Array.from(data.soa.x0),
    x1: Float32Array.from(data.soa.x1),
    y: Float32Array.from(data.soa.y),
    n: data.soa.n,
    eta: p.eta,
    batch: p.batch,
    pos,
    rng,
  });
  return { step: (s) => k.run(s), positions: () => k.readPositions(), dispose: () => k.dispose() };
}

/** Which chain engine is faster on this backend, measured once per backend (ctx.memo) on a small problem. */
async function pickEngine(ctx: JobContext, data: PanelData, p: OlsParams): Promise<ChainsEngine> {
  if (ctx.gpuDevice) return 'wgsl';
  // On wasm and cpu the typed-array loop is ~200× tfjs's ops (docs/BENCHMARKS.md, parallel chains), so
  // measuring there only held the first frame back (~0.5 s on a 2-core laptop); WebGL may differ.
  if (ctx.backend !== 'webgl') return 'js';
  return ctx.memo(`ols-engine:${ctx.backend}`, () => measureEngines(ctx, data, p));
}

async function measureEngines(ctx: JobContext, data: PanelData, p: OlsParams): Promise<ChainsEngine> {
  const probe: OlsParams = { ...p, chains: 4096 };
  const time = async (set: ChainSet) => {
    set.step(2);
    await set.positions();
    const t0 = performance.now();
    set.step(8);
    await set.positions();
    const ms = performance.now() - t0;
    set.dispose();
    return ms;
  };
  const js = await time(jsChains(data, probe, 0));
  const tfc = await time(new TfjsOlsChains(ctx.tf, data.soa, p.eta, p.batch, 4096, p.seed, beta0));
  return tfc < js ? 'tfjs' : 'js';
}

const tooFar = (a: number, b: number, c: [number, number]) =>
  !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - c[0]) + Math.abs(b - c[1]) > divergenceRadius;

/**
 * Fig. 1 of Xiong et al., live: per panel one SGD path with label noise and one without (same
 * batches), plus many independent chains whose cloud approaches the stationary distribution.
 */
export async function* labelNoiseSgdJob(p: OlsParams, ctx: JobContext): AsyncGenerator<OlsFrame, void, void> {
  const specs = panelsOf(p);
  const datas = specs.map((s) => makePanelData(p.n, p.seed, s.sigma2, s.cov));
  const stride = Math.max(1, Math.ceil(p.iterations / maxPathPoints));
  const drawn = Math.min(p.chains, Math.floor(maxDrawnChains / specs.length));

  let engine = await pickEngine(ctx, datas[0], p);
  // Never more pool threads than cores: one thread per panel on 2 cores (the 4-panel default) starved
  // the main thread, and a slider press waited on the OS scheduler. When the panels cannot each have a
  // core, this worker runs the chains itself and the page keeps the other core.
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const shards = Math.floor(cores / specs.length);
  if (engine === 'js' && p.chains * specs.length >= poolThreshold && shards >= 1 && ChainPool.available())
    engine = 'js-pool';
  const sets: ChainSet[] = await Promise.all(
    datas.map((d, i) =>
      engine === 'wgsl'
        ? wgslChains(ctx.gpuDevice!, d, p, i)
        : engine === 'tfjs'
          ? new TfjsOlsChains(ctx.tf, d.soa, p.eta, p.batch, p.chains, p.seed * 16 + i, beta0)
          : engine === 'js-pool'
            ? pooledChains(d, p, i, shards)
            : jsChains(d, p, i),
    ),
  );
  // The noisy and the noiseless path of a panel start from the same rng state: same batches.
  const paths = specs.map((_, i) => {
    const start: PathState = { beta: [...beta0], rng: chainSeed(p.seed * 16 + i, 0xffff), iter: 0 };
    return { noisy: start, clean: { ...start, beta: [...beta0] as [number, number] } };
  });
  const pathDiv: (number | null)[] = specs.map(() => null);
  const chainDiv: (number | null)[] = specs.map(() => null);
  let chainStep = 0;
  // Adaptive chunk sizes: estimated ms per unit of work, refined every frame.
  let msPerIter = 1e-4;
  let msPerChainStep = 1e-5 * p.chains * specs.length;
  let pathRate = 0;
  let chainRate = 0;
  try {
    for (;;) {
      if (ctx.cancelled()) return;
      const pathsDone = paths.every((s, i) => s.noisy.iter >= p.iterations || pathDiv[i] !== null);
      const chainsDone = chainStep >= p.chainSteps || chainDiv.every((d) => d !== null);
      // Paths: `speed` iterations per frame, capped by the frame budget.
      const iters = pathsDone
        ? 0
        : Math.max(1, Math.min(p.speed, Math.floor(frameBudgetMs / 2 / msPerIter / (2 * specs.length))));
      const appends: { noisy: number[]; clean: number[] }[] = specs.map(() => ({ noisy: [], clean: [] }));
      const t0 = performance.now();
      let pathSteps = 0;
      paths.forEach((s, i) => {
        if (s.noisy.iter >= p.iterations || pathDiv[i] !== null) return;
        const steps = Math.min(iters, p.iterations - s.noisy.iter);
        pathSteps += 2 * steps;
        const a = appends[i];
        const d = datas[i];
        const noisy = advancePathCpu(
          d.soa,
          d.soa.y,
          p.eta,
          p.batch,
          s.noisy,
          steps,
          stride,
          (_it, b0, b1) => a.noisy.push(b0, b1),
          divergenceRadius,
        );
        const clean = advancePathCpu(
          d.soa,
          d.soaCleanY,
          p.eta,
          p.batch,
          s.clean,
          steps,
          stride,
          (_it, b0, b1) => a.clean.push(b0, b1),
          divergenceRadius,
        );
        paths[i] = { noisy, clean };
        if (noisy.diverged || clean.diverged) {
          pathDiv[i] = Math.min(noisy.iter, clean.iter);
          // Keep both recordings the same length so the panel draws matching prefixes.
          const len = Math.min(a.noisy.length, a.clean.length);
          a.noisy.length = len;
          a.clean.length = len;
        }
      });
      const tPath = performance.now() - t0;
      // Rates only from frames with enough work to time; the last, short frame would mislead.
      if (pathSteps >= 1000 && tPath > 0) {
        msPerIter = Math.max(tPath / pathSteps, 1e-6);
        pathRate = (pathSteps * 1000) / tPath;
      }
      // Chains: few steps per frame at first so the cloud is seen flowing in, then faster.
      let chainSteps = 0;
      let positions: Float32Array[];
      if (!chainsDone) {
        const wanted = Math.max(1, Math.floor(chainStep / 6));
        const affordable = Math.max(1, Math.floor(frameBudgetMs / 2 / msPerChainStep));
        chainSteps = Math.min(wanted, affordable, p.chainSteps - chainStep);
        const t1 = performance.now();
        await Promise.all(sets.map((s, i) => (chainDiv[i] === null ? s.step(chainSteps) : undefined)));
        chainStep += chainSteps;
        positions = await Promise.all(sets.map((s) => s.positions()));
        const tChain = performance.now() - t1;
        if (tChain > 0) {
          msPerChainStep = Math.max(tChain / chainSteps, 1e-6);
          chainRate = (chainSteps * p.chains * specs.length * 1000) / tChain;
        }
      } else positions = await Promise.all(sets.map((s) => s.positions()));
      const panels: OlsPanelFrame[] = specs.map((_, i) => {
        const pos = positions[i];
        const m = moments2d(pos, p.chains);
        if (
          chainDiv[i] === null &&
          (tooFar(m.mean[0], m.mean[1], beta0) || !(m.cov[0] + m.cov[1] < divergenceRadius ** 2))
        )
          chainDiv[i] = chainStep;
        return {
          panel: i,
          iter: paths[i].noisy.iter,
          noisyAppend: Float32Array.from(appends[i].noisy),
          cleanAppend: Float32Array.from(appends[i].clean),
          pathDivergedAt: pathDiv[i],
          chainStep,
          chainsSample: pos.slice(0, 2 * drawn),
          empMean: m.mean,
          empCov: m.cov,
          chainsDivergedAt: chainDiv[i],
        };
      });
      const done =
        paths.every((s, i) => s.noisy.iter >= p.iterations || pathDiv[i] !== null) &&
        (chainStep >= p.chainSteps || chainDiv.every((d) => d !== null));
      yield {
        panels,
        chainsEngine: engine,
        threads: engine === 'js-pool' ? shards * specs.length : 1,
        chains: p.chains,
        stride,
        pathItersPerSec: pathRate,
        chainStepsPerSec: chainRate,
        done,
      };
      if (done) return;
    }
  } finally {
    sets.forEach((s) => s.dispose());
  }
}
