import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../../tests/fixtures/ols-paper-20I-s0.25.json';
import { startJob, type JobContext } from '../../engine/job';
import { labelNoiseSgdJob as labelNoiseSgdJobDef } from './jobs';
import { chainSeed } from '../../math/chainRng';
import { sgdLeastSquaresTheory } from './math/sgdLeastSquaresTheory';
import { TfjsOlsChains } from './chainsTfjs';
import { labelNoiseSgdJob, type OlsFrame } from './experimentJob';
import { makePanelData } from './model';
import { moments2d } from './math/moments';
import { defaultParams, type OlsParams } from './params';
import { advanceChainsCpu, type OlsData } from './sgdCpu';
import { createJobMemo } from '../../engine/memo';

const data: OlsData = {
  n: fixture.X.length,
  x0: Float64Array.from(fixture.X, (r) => r[0]),
  x1: Float64Array.from(fixture.X, (r) => r[1]),
  y: Float64Array.from(fixture.y),
};
const exact = sgdLeastSquaresTheory({ X: fixture.X, y: fixture.y }, fixture.eta, fixture.batch);
const C = exact.stationaryCov!;
const relErr = (emp: [number, number, number]) => [
  Math.abs(emp[0] / C[0][0] - 1),
  Math.abs(emp[1] / C[1][1] - 1),
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('parallel SGD chains reach the exact stationary covariance', () => {
  it('typed-array loop: 20000 chains, variances within 4% (sampling error ≈ 1%)', () => {
    const chains = 20000;
    const pos = new Float32Array(2 * chains);
    const rng = Uint32Array.from({ length: chains }, (_, c) => chainSeed(11, c));
    advanceChainsCpu(data, fixture.eta, fixture.batch, pos, rng, 300);
    const m = moments2d(pos, chains);
    for (const e of relErr(m.cov)) expect(e).toBeLessThan(0.04);
    expect(Math.abs(m.mean[0] - exact.betaHat[0])).toBeLessThan(5 * Math.sqrt(C[0][0] / chains) + 1e-6);
  });

  it('tfjs ops on the cpu backend: 2048 chains, within 15%, and no tensor leak', async () => {
    const before = tf.memory().numTensors;
    const ch = new TfjsOlsChains(tf, data, fixture.eta, fixture.batch, 2048, 5, [0, 0]);
    const during = tf.memory().numTensors;
    ch.step(60);
    expect(tf.memory().numTensors).toBe(during);
    ch.step(60);
    const m = moments2d(await ch.positions(), 2048);
    ch.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (const e of relErr(m.cov)) expect(e).toBeLessThan(0.15);
  });
});

const memo = createJobMemo();
function ctx(): JobContext {
  return { tf, backend: 'cpu', gpuDevice: null, memo, cancelled: () => false };
}

async function runToEnd(p: OlsParams) {
  const frames: OlsFrame[] = [];
  for await (const f of labelNoiseSgdJob(p, ctx())) frames.push(f);
  return frames;
}

describe('the label-noise SGD job, headless', () => {
  it('streams frames to completion; the chains match the exact covariance of its own data', async () => {
    const before = tf.memory().numTensors;
    const p: OlsParams = {
      ...defaultParams,
      grid: 'single',
      sigma2: 1,
      iterations: 20000,
      speed: 2000,
      chains: 8000,
      chainSteps: 300,
    };
    const frames = await runToEnd(p);
    expect(frames.length).toBeGreaterThan(5);
    const last = frames.at(-1)!;
    expect(last.done).toBe(true);
    const pf = last.panels[0];
    expect(pf.iter).toBe(20000);
    expect(pf.chainStep).toBe(300);
    const d = makePanelData(p.n, p.seed, p.sigma2, [20, 20, 0]);
    const t = sgdLeastSquaresTheory({ X: d.X, y: d.y }, p.eta, p.batch);
    expect(Math.abs(pf.empCov[0] / t.stationaryCov![0][0] - 1)).toBeLessThan(0.08);
    expect(Math.abs(pf.empCov[1] / t.stationaryCov![1][1] - 1)).toBeLessThan(0.08);
    // The path without label noise converges to β* = [1, 1] exactly; the noisy one hovers near β̂.
    const total = frames.flatMap((f) => Array.from(f.panels[0].cleanAppend));
    expect(Math.abs(total.at(-2)! - 1)).toBeLessThan(1e-3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('four panels for the Figure 1a–d preset, with σ² doubling', async () => {
    const frames = await runToEnd({
      ...defaultParams,
      grid: 'fig1a-d',
      iterations: 1000,
      speed: 1000,
      chains: 500,
      chainSteps: 50,
    });
    const last = frames.at(-1)!;
    expect(last.panels).toHaveLength(4);
    const spread = last.panels.map((p) => p.empCov[0] + p.empCov[1]);
    expect(spread[3]).toBeGreaterThan(spread[0] * 3);
  });

  it('a diverging step size is flagged, never NaN', async () => {
    const frames = await runToEnd({
      ...defaultParams,
      grid: 'single',
      eta: 0.5,
      iterations: 5000,
      speed: 5000,
      chains: 100,
      chainSteps: 200,
    });
    const last = frames.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.panels[0].pathDivergedAt).not.toBeNull();
    expect(last.panels[0].chainsDivergedAt).not.toBeNull();
    for (const f of frames) for (const v of f.panels[0].noisyAppend) expect(Number.isFinite(v)).toBe(true);
  });

  it('the engine rejects invalid params with a message before the job runs', async () => {
    // startJob is what the worker host calls: validation by the job's own schema, then the code.
    await expect(
      startJob(labelNoiseSgdJobDef, { ...defaultParams, n: 50, batch: 80 }, ctx()),
    ).rejects.toThrow(/^invalid parameters: batch: batch B = 80 exceeds N = 50 \(job label-noise-sgd\)$/);
  });
});

describe('the exact transient covariance matches the chains step by step', () => {
  it('tr Cov at t = 3, 8, 20, 60 within 5% (20000 chains from β = 0)', async () => {
    const { transientCovariance } = await import('./math/sgdLeastSquaresTheory');
    const chains = 20000;
    const pos = new Float32Array(2 * chains);
    const rng = Uint32Array.from({ length: chains }, (_, c) => chainSeed(3, c));
    const times = [3, 8, 20, 60];
    const exactT = transientCovariance(
      { X: fixture.X, y: fixture.y },
      fixture.eta,
      fixture.batch,
      [0, 0],
      times,
    );
    let t = 0;
    times.forEach((target, k) => {
      advanceChainsCpu(data, fixture.eta, fixture.batch, pos, rng, target - t);
      t = target;
      const m = moments2d(pos, chains);
      const trEmp = m.cov[0] + m.cov[1];
      const trExact = exactT[k].cov[0] + exactT[k].cov[3];
      expect(Math.abs(trEmp / trExact - 1)).toBeLessThan(0.05);
      expect(Math.abs(m.mean[0] - exactT[k].mean[0])).toBeLessThan(5 * Math.sqrt(exactT[k].cov[0] / chains));
    });
  });
});

describe('the path loop and the chain loop take the same SGD steps', () => {
  it('one path equals one chain with the same rng stream (to float32 rounding), across chunk and record boundaries', async () => {
    const { advancePathCpu } = await import('./sgdCpu');
    const seed = chainSeed(4, 0);
    const recorded: number[] = [];
    const path = advancePathCpu(
      data,
      data.y,
      fixture.eta,
      fixture.batch,
      { beta: [0, 0], rng: seed, iter: 0 },
      173,
      7,
      (it) => recorded.push(it),
    );
    const pos = new Float32Array(2);
    const rng = Uint32Array.of(seed);
    advanceChainsCpu(data, fixture.eta, fixture.batch, pos, rng, 173);
    expect(path.iter).toBe(173);
    expect(path.rng >>> 0).toBe(rng[0]);
    expect(Math.abs(path.beta[0] - pos[0])).toBeLessThan(1e-4);
    expect(Math.abs(path.beta[1] - pos[1])).toBeLessThan(1e-4);
    expect(recorded).toEqual(Array.from({ length: 24 }, (_, k) => 7 * (k + 1)));
  });
});
