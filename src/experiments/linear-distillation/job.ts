import {
  defaultDataBaseUrl,
  fetchArrayBuffer,
  loadFashionSubset,
  type FashionSubset,
} from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import type { RiskTable } from './math/riskTable';
import { convergenceStage } from './convergenceStage';
import { fashionModel, fashionRisk, FASHION_DRAWS, type FashionModel } from './fashionStage';
import type { ConvergenceFrame, FashionFrame, KappaFrame, LinearFrame, MonotonicityFrame } from './frames';
import { kappaStage } from './kappaStage';
import { monotonicityStage } from './monotonicityStage';
import { fig4Deltas, type LinearParams } from './params';
import { riskTableFor, riskVsNFrame, riskVsNTraining, type TrainedAtN } from './riskVsNStage';

/** A few recent results per stage, by the params that stage reads: moving one slider redoes only the stages that read it. */
class Memo<V> {
  private entries = new Map<string, V>();
  constructor(private readonly size = 4) {}
  get(key: string): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.entries.delete(key);
    this.entries.set(key, v);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
  }
}

const keyOf = (p: LinearParams, keys: readonly (keyof LinearParams)[]) =>
  JSON.stringify(keys.map((k) => p[k]));
const taskKeys = ['task', 'kappa', 'margin'] as const;

// Worker-lifetime caches (the job module is loaded once per worker).
const convergenceMemo = new Memo<ConvergenceFrame[]>();
const kappaMemo = new Memo<KappaFrame>();
const fig5Memo = new Memo<MonotonicityFrame>();
const trainedMemo = new Memo<TrainedAtN[]>();
const tableMemo = new Memo<RiskTable>(6);
const fashionMemo = new Memo<FashionModel>();
let fashionData: Promise<FashionSubset> | null = null;

export interface LinearJobDeps {
  /** the Fashion-MNIST subset (the worker fetches the shipped file; tests read it from disk) */
  loadFashion: () => Promise<FashionSubset>;
}

const browserDeps: LinearJobDeps = {
  loadFashion: () => loadFashionSubset(fetchArrayBuffer, defaultDataBaseUrl()),
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
  const cKey = keyOf(p, [...taskKeys, 'd', 'n', 'depth', 'init', 'seed']);
  const cached = convergenceMemo.get(cKey);
  if (cached) yield* cached;
  else {
    const frames: ConvergenceFrame[] = [];
    for (const f of convergenceStage(p, stop)) {
      frames.push(f);
      yield f;
    }
    if (stop()) return;
    convergenceMemo.set(cKey, frames);
  }

  // Fig. 3 (float64).
  const kKey = keyOf(p, ['d', 'n', 'sweepSets', 'seed']);
  const kappa = kappaMemo.get(kKey);
  if (kappa) yield kappa;
  else {
    let last: KappaFrame | null = null;
    for (const f of kappaStage(p, stop)) {
      last = f;
      yield f;
    }
    if (stop()) return;
    if (last) kappaMemo.set(kKey, last);
  }

  // Fig. 5 (the batched tfjs program).
  const mKey = keyOf(p, [...taskKeys, 'd', 'n', 'sets', 'steps', 'seed']) + ctx.backend;
  const fig5 = fig5Memo.get(mKey);
  if (fig5) yield fig5;
  else {
    for await (const f of monotonicityStage(p, ctx)) {
      yield f;
      if (f.learners) fig5Memo.set(mKey, f);
    }
    if (stop()) return;
  }

  // Risk against n (batched tfjs per n); δ only re-scores the cached students.
  const tKey = keyOf(p, [...taskKeys, 'd', 'sweepSets', 'steps', 'seed']) + ctx.backend;
  let trained = trainedMemo.get(tKey);
  if (!trained) {
    trained = [];
    trainedMemo.set(tKey, trained);
  }
  const rKey = keyOf(p, [...taskKeys, 'd']);
  let table = tableMemo.get(rKey);
  if (!table) {
    table = riskTableFor(p);
    tableMemo.set(rKey, table);
  }
  const t0 = performance.now();
  yield riskVsNFrame(p, trained, table, false, 0);
  for await (const step of riskVsNTraining(p, ctx, trained))
    if (step) yield riskVsNFrame(p, trained, table, false, performance.now() - t0);
  if (stop()) return;
  yield riskVsNFrame(p, trained, table, true, performance.now() - t0);

  // Fig. 4 on Fashion-MNIST (float64).
  yield* fashionFrames(p, stop, deps);
}

async function* fashionFrames(p: LinearParams, stop: () => boolean, deps: LinearJobDeps) {
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
  const fKey = keyOf(p, ['fmPair', 'fmN', 'seed']);
  let model = fashionMemo.get(fKey) ?? null;
  if (!model) {
    yield frame('loading', 'loading the Fashion-MNIST subset…', null);
    let data: FashionSubset;
    try {
      fashionData ??= deps.loadFashion();
      data = await fashionData;
    } catch (e) {
      fashionData = null;
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
    fashionMemo.set(fKey, model);
  }
  yield frame('done', '', model);
}
