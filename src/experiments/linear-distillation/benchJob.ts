import type { JobContext } from '../../engine/job';
import { makeRng, sampleReduced } from './math/angularSampling';
import { acceleratedGd, safeStep } from './math/linearGradientDescent';
import { teacherTargets } from './math/linearDistillation';
import type { LinearBenchParams } from './benchParams';
import { monotonicityStage } from './monotonicityStage';
import { defaultParams } from './params';

export interface LinearBenchResult {
  backend: string;
  sets: number;
  steps: number;
  n: number;
  d: number;
  /** Fig. 5's batched training alone: transfer sets (4 students each) per second */
  trainSetsPerSecond: number;
  /** the whole estimate: sampling, training, exact scoring */
  setsPerSecond: number;
  totalMs: number;
  /** the float64 loop on 64 sets, scaled to sets per second (null when not asked) */
  float64SetsPerSecond: number | null;
}

/** Throughput of the Fig. 5 estimate on the engine's backend (for `npm run bench`). */
export async function* linearBenchJob(
  p: LinearBenchParams,
  ctx: JobContext,
): AsyncGenerator<LinearBenchResult, void, void> {
  const params = { ...defaultParams, task: 'kappa' as const, kappa: 1, ...p, seed: 1 };
  const t0 = performance.now();
  let trainSetsPerSecond = NaN;
  let sets = p.sets;
  for await (const f of monotonicityStage(params, ctx))
    if (f.learners) {
      trainSetsPerSecond = f.setsPerSecond;
      sets = f.sets;
    }
  const totalMs = performance.now() - t0;
  let float64SetsPerSecond: number | null = null;
  if (p.float64) {
    const rng = makeRng('bench');
    const few = 64;
    const t1 = performance.now();
    for (let s = 0; s < few; s++) {
      const cloud = sampleReduced({ kind: 'kappa', kappa: 1 }, p.d, p.n + 1, rng);
      const wStar = new Float64Array(cloud.dim);
      wStar[0] = 1;
      for (const rows of [p.n, p.n + 1])
        for (const kind of ['soft', 'hard'] as const)
          acceleratedGd(
            cloud,
            teacherTargets(cloud, wStar, kind, rows),
            rows,
            cloud.dim,
            p.steps,
            safeStep(cloud, rows),
          );
    }
    float64SetsPerSecond = few / ((performance.now() - t1) / 1000);
  }
  yield {
    backend: ctx.backend,
    sets,
    steps: p.steps,
    n: p.n,
    d: p.d,
    trainSetsPerSecond,
    setsPerSecond: sets / (totalMs / 1000),
    totalMs,
    float64SetsPerSecond,
  };
}
