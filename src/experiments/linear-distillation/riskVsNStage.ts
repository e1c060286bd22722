import type { JobContext } from '../../engine/job';
import { makeRng, reducedStudentAngle, sampleReduced, type PointCloud } from './math/angularSampling';
import { riskTable, type RiskTable } from './math/riskTable';
import { trainStudents } from './batchedStudents';
import { summarize, type LearnerId, type RiskVsNFrame, type SetSummary } from './frames';
import type { LinearParams } from './params';
import {
  angleToTeacher,
  buildBatch,
  deltaAngle,
  limitStudent,
  orthogonalDirection,
  weightsOf,
} from './math/studentProblems';
import { taskOf } from './math/task';

/** Multiply-adds per n at most; fewer sets beyond it (the page says how many). */
const PER_N_BUDGET = 6e8;
const N_MAX = 160;

/** The transfer-set sizes of the risk-vs-n figure: log-spaced up to min(2d, 160), with d. */
function riskNs(d: number): number[] {
  const top = Math.min(2 * d, N_MAX);
  const ns = new Set<number>();
  for (let i = 0; i <= 10; i++) ns.add(Math.max(1, Math.round(Math.pow(top, i / 10))));
  if (d <= top) ns.add(d);
  return [...ns].sort((a, b) => a - b);
}

function setsAtN(p: Pick<LinearParams, 'sweepSets' | 'd' | 'steps'>, n: number): number {
  const D = 1 + Math.min(n, p.d - 1);
  return Math.max(8, Math.min(p.sweepSets, Math.floor(PER_N_BUDGET / (4 * n * D * p.steps))));
}

/** What the trained students leave per set: enough to evaluate w_δ at any δ without training again. */
export interface TrainedAtN {
  n: number;
  limit: Float64Array;
  soft: Float64Array;
  hard: Float64Array;
  /** the trained soft student and its q̂, per set, for w_δ */
  softW: Float64Array[];
  qHat: Float64Array[];
  converged: number;
}

/**
 * For each n: `sweepSets` transfer sets, the soft- and hard-label students trained as one batched
 * tfjs program (same optimiser, same steps), Theorem 1's limit in closed form, all scored exactly.
 * Yields after each n; `cache` keeps the trained students so a new δ costs no training.
 */
export async function* riskVsNTraining(
  p: LinearParams,
  ctx: JobContext,
  cache: TrainedAtN[],
): AsyncGenerator<TrainedAtN, void, void> {
  const task = taskOf(p);
  for (const n of riskNs(p.d)) {
    if (ctx.cancelled()) return;
    if (cache.some((c) => c.n === n)) continue;
    const sets = setsAtN(p, n);
    const rng = makeRng(`${p.seed}:risk-n:${n}`);
    const D = 1 + Math.min(n, p.d - 1);
    const clouds: PointCloud[] = [];
    for (let s = 0; s < sets; s++) clouds.push(sampleReduced(task, p.d, n, rng, 1));
    const problems = clouds.flatMap((cloud) => [
      { cloud, rows: n, labels: 'soft' as const },
      { cloud, rows: n, labels: 'hard' as const },
    ]);
    let W: Float32Array | undefined;
    for await (const f of trainStudents(ctx.tf, buildBatch(problems, n, D), p.steps, ctx.cancelled))
      if (f.W) W = f.W;
    if (!W || ctx.cancelled()) return;
    const out: TrainedAtN = {
      n,
      limit: new Float64Array(sets),
      soft: new Float64Array(sets),
      hard: new Float64Array(sets),
      softW: [],
      qHat: [],
      converged: 0,
    };
    clouds.forEach((cloud, s) => {
      const lim = { wHat: limitStudent(cloud, n), angle: reducedStudentAngle(cloud, n) };
      const soft = weightsOf(W!, 2 * s, D, cloud.dim);
      let dist = 0;
      let ref = 0;
      for (let j = 0; j < cloud.dim; j++) {
        dist += (soft[j] - lim.wHat[j]) ** 2;
        ref += lim.wHat[j] ** 2;
      }
      if (Math.sqrt(dist / ref) < 1e-3) out.converged++;
      out.limit[s] = lim.angle;
      out.soft[s] = angleToTeacher(soft);
      out.hard[s] = angleToTeacher(weightsOf(W!, 2 * s + 1, D, cloud.dim));
      out.softW.push(soft);
      // For n ≥ d the span is everything: no direction left (q = 0), w_δ = ŵ.
      out.qHat.push(orthogonalDirection(cloud, n, n));
    });
    out.converged /= sets;
    cache.push(out);
    yield out;
  }
}

/** The figure's frame from the trained students so far, at the current δ. */
export function riskVsNFrame(
  p: LinearParams,
  trained: readonly TrainedAtN[],
  risk: RiskTable,
  done: boolean,
  ms: number,
): RiskVsNFrame {
  const rows = [...trained].sort((a, b) => a.n - b.n);
  const score = (angles: ArrayLike<number>): SetSummary => summarize(Array.from(angles, (a) => risk(a)));
  const byLearner: Record<LearnerId, SetSummary[]> = { limit: [], soft: [], hard: [], delta: [] };
  for (const t of rows) {
    byLearner.limit.push(score(t.limit));
    byLearner.soft.push(score(t.soft));
    byLearner.hard.push(score(t.hard));
    byLearner.delta.push(score(t.softW.map((w, s) => deltaAngle(w, t.qHat[s], p.delta))));
  }
  return {
    kind: 'riskVsN',
    d: p.d,
    delta: p.delta,
    ns: rows.map((t) => t.n),
    sets: rows.map((t) => t.limit.length),
    risk: byLearner,
    converged: rows.map((t) => t.converged),
    done,
    ms,
  };
}

/** The risk table of the current task, built once per (task, d). */
export const riskTableFor = (p: LinearParams) => riskTable(taskOf(p), p.d);
