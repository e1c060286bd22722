import { siteFashionSubset, type FashionSubset } from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import { convergenceStage } from './convergenceStage';
import { fashionModel, fashionRisk, FASHION_DRAWS, type FashionModel } from './fashionStage';
import type { ConvergenceFrame, FashionFrame, KappaFrame, LinearFrame, MonotonicityFrame } from './frames';
import { kappaStage } from './kappaStage';
import { monotonicityStage } from './monotonicityStage';
import { fig4Deltas, type LinearParams } from './params';
import { riskTableFor, riskVsNFrame, riskVsNTraining, type TrainedAtN } from './riskVsNStage';

/**
 * A stage's results are kept (ctx.memo, four per stage: the risk tables six) under its cache name and the
 * params that stage reads: moving one slider redoes only the stages that read it.
 */
const keyOf = (stage: string, p: LinearParams, keys: readonly (keyof LinearParams)[]) =>
  `linear-${stage}:${JSON.stringify(keys.map((k) => p[k]))}`;
const taskKeys = ['task', 'kappa', 'margin'] as const;

export interface LinearJobDeps {
  /** the Fashion-MNIST subset (the worker fetches the shipped file; tests read it from disk) */
  loadFashion: () => Promise<FashionSubset>;
}

const browserDeps: LinearJobDeps = {
  loadFashion: () => siteFashionSubset(),
};

/**
 * The experiment's worker job: the five figures' measurements, cheapest first. Stages whose inputs did
 * not change replay their cached frames at once.
 */
export async function* linearDistillationJob(
  p: LinearParams,
  ctx: JobContext,
  deps: LinearJobDeps = browserDeps,
): AsyncGenerator<LinearFrame, void, void> {
  const stop = ctx.cancelled;

  // Theorems 1–2 (float64, fast).
  const cKey = keyOf('convergence', p, [...taskKeys, 'd', 'n', 'depth', 'init', 'seed']);
  const cached = ctx.memo.get<ConvergenceFrame[]>(cKey);
  if (cached) yield* cached;
  else {
    const frames: ConvergenceFrame[] = [];
    for (const f of convergenceStage(p, stop)) {
      frames.push(f);
      yield f;
    }
    if (stop()) return;
    ctx.memo.set(cKey, frames);
  }

  // Fig. 3 (float64).
  const kKey = keyOf('kappa', p, ['d', 'n', 'sweepSets', 'seed']);
  const kappa = ctx.memo.get<KappaFrame>(kKey);
  if (kappa) yield kappa;
  else {
    let last: KappaFrame | null = null;
    for (const f of kappaStage(p, stop)) {
      last = f;
      yield f;
    }
    if (stop()) return;
    if (last) ctx.memo.set(kKey, last);
  }

  // Fig. 5 (the batched tfjs program).
  const mKey = keyOf('fig5', p, [...taskKeys, 'd', 'n', 'sets', 'steps', 'seed']) + ctx.backend;
  const fig5 = ctx.memo.get<MonotonicityFrame>(mKey);
  if (fig5) yield fig5;
  else {
    for await (const f of monotonicityStage(p, ctx)) {
      yield f;
      if (f.learners) ctx.memo.set(mKey, f);
    }
    if (stop()) return;
  }

  // Risk against n (batched tfjs per n); δ only re-scores the cached students.
  const tKey = keyOf('trained', p, [...taskKeys, 'd', 'sweepSets', 'steps', 'seed']) + ctx.backend;
  let trained = ctx.memo.get<TrainedAtN[]>(tKey);
  if (!trained) {
    trained = [];
    ctx.memo.set(tKey, trained);
  }
  const table = await ctx.memo(keyOf('risk-table', p, [...taskKeys, 'd']), () => riskTableFor(p), {
    maxEntries: 6,
  });
  const t0 = performance.now();
  yield riskVsNFrame(p, trained, table, false, 0);
  for await (const step of riskVsNTraining(p, ctx, trained))
    if (step) yield riskVsNFrame(p, trained, table, false, performance.now() - t0);
  if (stop()) return;
  yield riskVsNFrame(p, trained, table, true, performance.now() - t0);

  // Fig. 4 on Fashion-MNIST (float64).
  yield* fashionFrames(p, ctx, deps);
}

async function* fashionFrames(p: LinearParams, ctx: JobContext, deps: LinearJobDeps) {
  const stop = ctx.cancelled;
  const t0 = performance.now();
  const deltas = [...new Set([...fig4Deltas, p.delta])].sort((a, b) => a - b);
  const frame = (
    status: FashionFrame['status'],
    message: string,
    model: FashionModel | null,
  ): FashionFrame => ({
    kind: 'fashion',
    status,
    message,
    deltas: model ? deltas : [],
    risk: model ? deltas.map((dl) => fashionRisk(model, dl)) : [],
    teacherAccuracy: model?.teacherAccuracy ?? NaN,
    angle: model?.angle ?? NaN,
    testSize: model?.testSize ?? 0,
    draws: FASHION_DRAWS,
    n: p.fmN,
    ms: performance.now() - t0,
  });
  const fKey = keyOf('fashion', p, ['fmPair', 'fmN', 'seed']);
  let model = ctx.memo.get<FashionModel>(fKey) ?? null;
  if (!model) {
    yield frame('loading', 'loading the Fashion-MNIST subset…', null);
    let data: FashionSubset;
    try {
      // Loaded once per worker (a failed load is not kept: the next run tries again).
      data = await ctx.memo('linear-fashion-data', deps.loadFashion, { maxEntries: 1 });
    } catch (e) {
      yield frame('error', e instanceof Error ? e.message : String(e), null);
      return;
    }
    if (stop()) return;
    const gen = fashionModel(data, p.fmPair, p.fmN, p.seed, stop);
    let draws = 0;
    for (let r = gen.next(); ; r = gen.next()) {
      if (r.done) {
        model = r.value;
        break;
      }
      yield frame(
        r.value,
        r.value === 'teacher' ? 'training the teacher…' : `transfer set ${++draws} of ${FASHION_DRAWS}…`,
        null,
      );
    }
    if (!model || stop()) return;
    ctx.memo.set(fKey, model);
  }
  yield frame('done', '', model);
}
