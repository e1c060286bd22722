import type { JobContext } from '../../engine/job';
import { makeRng, reducedStudentAngle, sampleReduced, type PointCloud } from './math/angularSampling';
import { riskTable } from './math/riskTable';
import { trainStudents } from './batchedStudents';
import { summarize, type MonotonicityFrame, type MonotonicityLearner } from './frames';
import { fig5Deltas, type LinearParams } from './params';
import {
  angleToTeacher,
  buildBatch,
  deltaAngle,
  limitStudent,
  orthogonalDirection,
  unsigned,
  weightsOf,
  type StudentProblem,
} from './math/studentProblems';
import { taskOf } from './math/task';

/** Multiply-adds of one Fig. 5 program at most (sets are dropped beyond it, and the page says so). */
const FIG5_BUDGET = 2e10;

/** How many of the requested sets fit the budget: each set trains 4 students of ≤ n + 1 points. */
function fig5SetsUsed(p: Pick<LinearParams, 'sets' | 'n' | 'd' | 'steps'>): number {
  const m = p.n + 1;
  const D = 1 + Math.min(p.n + 1, p.d - 1);
  return Math.max(8, Math.min(p.sets, Math.floor(FIG5_BUDGET / (8 * m * D * p.steps))));
}

/**
 * Fig. 5: for each transfer set X (n points) and one more point x, four students trained as one batched
 * tfjs program — soft and hard labels, on X and on [X, x] — then in float64: the exact risk of each on
 * the task, and the monotonicity index (34), also for Theorem 1's limit and for w_δ = ŵ + δ‖ŵ‖q̂.
 */
export async function* monotonicityStage(
  p: LinearParams,
  ctx: JobContext,
): AsyncGenerator<MonotonicityFrame, void, void> {
  const t0 = performance.now();
  const task = taskOf(p);
  const sets = fig5SetsUsed(p);
  const rng = makeRng(`${p.seed}:fig5`);
  const m = p.n + 1;
  const Db = 1 + Math.min(m, p.d - 1);
  const clouds: PointCloud[] = [];
  const problems: StudentProblem[] = [];
  for (let s = 0; s < sets; s++) {
    // n + 1 points, then the Gaussian g of the w_δ learners.
    const cloud = sampleReduced(task, p.d, m, rng, 1);
    clouds.push(cloud);
    problems.push(
      { cloud, rows: p.n, labels: 'soft' },
      { cloud, rows: m, labels: 'soft' },
      { cloud, rows: p.n, labels: 'hard' },
      { cloud, rows: m, labels: 'hard' },
    );
  }
  const base = {
    kind: 'monotonicity' as const,
    steps: p.steps,
    sets,
    learners: null,
    converged: NaN,
    setsPerSecond: NaN,
    backend: ctx.backend,
  };
  const batch = buildBatch(problems, m, Db);
  const tTrain = performance.now();
  let W: Float32Array | undefined;
  for await (const f of trainStudents(ctx.tf, batch, p.steps, ctx.cancelled)) {
    if (f.W) W = f.W;
    else yield { ...base, stepsDone: f.steps, ms: performance.now() - t0 };
  }
  if (!W || ctx.cancelled()) return;
  const setsPerSecond = sets / ((performance.now() - tTrain) / 1000);
  const risk = riskTable(task, p.d);
  const ids = ['limit', 'soft', 'hard', ...fig5Deltas.map((dl) => `delta-${dl}`)];
  const risks = ids.map(() => new Float64Array(sets));
  const better = ids.map(() => 0);
  let converged = 0;
  clouds.forEach((cloud, s) => {
    const D = cloud.dim;
    const lim = [p.n, m].map((rows) => ({
      wHat: limitStudent(cloud, rows),
      angle: reducedStudentAngle(cloud, rows),
    }));
    const soft = [weightsOf(W!, 4 * s, Db, D), weightsOf(W!, 4 * s + 1, Db, D)];
    const hard = [weightsOf(W!, 4 * s + 2, Db, D), weightsOf(W!, 4 * s + 3, Db, D)];
    const q = [orthogonalDirection(cloud, p.n, m), orthogonalDirection(cloud, m, m)];
    let dist = 0;
    let ref = 0;
    for (let j = 0; j < D; j++) {
      dist += (soft[0][j] - lim[0].wHat[j]) ** 2;
      ref += lim[0].wHat[j] ** 2;
    }
    if (Math.sqrt(dist / ref) < 1e-3) converged++;
    const pairs: [number, number][] = [
      [lim[0].angle, lim[1].angle],
      [angleToTeacher(soft[0]), angleToTeacher(soft[1])],
      [angleToTeacher(hard[0]), angleToTeacher(hard[1])],
      ...fig5Deltas.map((dl): [number, number] => [
        deltaAngle(soft[0], q[0], dl),
        deltaAngle(soft[1], q[1], dl),
      ]),
    ];
    pairs.forEach(([a, b], k) => {
      risks[k][s] = risk(a);
      if (unsigned(b) < unsigned(a)) better[k]++;
    });
  });
  const label = (id: string) =>
    id === 'limit'
      ? 'Theorem 1’s limit ŵ'
      : id === 'soft'
        ? `GD distillation (${p.steps} steps)`
        : id === 'hard'
          ? `hard-label learner (${p.steps} steps)`
          : `w_δ, δ = ${deltaLabel(Number(id.slice(6)))}`;
  const learners: MonotonicityLearner[] = ids.map((id, k) => ({
    id,
    label: label(id),
    risk: summarize(risks[k]),
    monotonicity: better[k] / sets,
    sets,
  }));
  yield {
    ...base,
    stepsDone: p.steps,
    learners,
    converged: converged / sets,
    setsPerSecond,
    ms: performance.now() - t0,
  };
}

const deltaLabel = (dl: number) => (dl >= 1 ? String(dl) : `1/${Math.round(1 / dl)}`);
