import { siteFashionSubset, type FashionSubset } from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import { gramTopEigenvalue } from '../../math/powerIteration';
import { seededNormal } from '../../math/rng';
import { makeProblem } from './data';
import type { KdFrame, OverlapSet, RunInfo } from './frames';
import type { BatchSpec } from './nets';
import { embeddedRun } from './embedded';
import { theoryWithPoles } from './kdMathTask';
import { ntkTop, overlapSets } from './overlapSets';
import type { KdParams } from './params';
import { trainStudents } from './students';
import { f32, features, netData, sampledUnits, trainTeacher, units, type Teacher } from './teacher';
import { kdTheory, relativeError, tailRate } from './math/theory';

/**
 * Rahbar et al. at the lab's scale: a teacher (m̄ units) trained on the labels by full-batch GD, then
 * seven students (m units sampled from it) trained side by side as one batched program on objective (2):
 * no teacher, λ = 0.01, λ → 0, λ → ∞, the live λ, random initialisation, and the imperfect teacher.
 * Steps: η = stepScale/((ā + λ) λ_max(XXᵀ)) per run (ā = 1), below the stability limit of the linearised
 * dynamics, whose top rate is ≤ (ā + λ) λ_max(XXᵀ). The teacher is cached, so moving λ retrains only
 * the students.
 */

const lam0 = 1e-6;
const lamInf = 1e4;

type Cached = Teacher & { eigen: { values: number[]; vectors: number[][] } };

/** The trained teacher (its frames, weights and NTK eigenvectors) by the params it depends on. */
const teacherKey = (p: KdParams) =>
  'kd-teacher:' +
  JSON.stringify({
    ...p,
    ...{ lambda: 0, studentIterations: 0, studentWidth: 0, embed: 0, nystromRank: 0, teacherStop: 0 },
  });
/** Teachers kept (each a few d × m̄ float arrays and its frames). */
const keptTeachers = 2;

/** The page's run. `fashion` is passed in Node (tests, CLI); the browser fetches it. */
export async function* kdJob(
  p: KdParams,
  ctx: JobContext,
  fashion?: FashionSubset,
): AsyncGenerator<KdFrame, void, void> {
  let subset: FashionSubset | null = null;
  if (p.data === 'fashion') {
    subset = fashion ?? (await siteFashionSubset());
    if (ctx.cancelled()) return;
  }
  const pr = makeProblem(p, subset);
  const { n, d } = pr;
  const gTop = gramTopEigenvalue(pr.X, n, d);
  const m = p.studentWidth;
  const M = p.teacherWidth;
  const idx = sampledUnits(M, m, p.seed);
  const runs: RunInfo[] = [
    { id: 'noTeacher', label: 'no teacher (λ = 0, random init)', lam: 0, init: 'random', phi: 'none' },
    { id: 'student', label: 'student, λ = 0.01', lam: 0.01, init: 'teacher', phi: 'teacher' },
    { id: 'lam0', label: `λ → 0 (${lam0})`, lam: lam0, init: 'teacher', phi: 'teacher' },
    { id: 'lamInf', label: `λ → ∞ (${lamInf})`, lam: lamInf, init: 'teacher', phi: 'teacher' },
    {
      id: 'live',
      label: `λ = ${p.lambda.toPrecision(3)} (slider)`,
      lam: p.lambda,
      init: 'teacher',
      phi: 'teacher',
    },
    { id: 'randomInit', label: 'random init, λ = 0.01', lam: 0.01, init: 'random', phi: 'teacher' },
    { id: 'imperfect', label: 'imperfect teacher, λ = 0.01', lam: 0.01, init: 'early', phi: 'early' },
  ].map((r) => ({ ...r, eta: p.stepScale / ((1 + r.lam) * gTop) }) as RunInfo);
  yield {
    kind: 'setup',
    n,
    d,
    nTest: pr.nTest,
    nVal: pr.nVal,
    flipped: pr.flipped,
    gramTop: gTop,
    runs,
    units: idx,
  };

  let teacher = ctx.memo.get<Cached>(teacherKey(p));
  if (teacher) for (const f of teacher.frames) yield f;
  else {
    // yield* (not a next() loop): a cancelled run's return() reaches the nets' finally.
    const t: Teacher | null = yield* trainTeacher(p, pr, ctx, gTop, 'raw');
    if (!t) return;
    const eigen = await ntkTop(pr, p, ctx.cancelled);
    if (!eigen) return;
    teacher = { ...t, eigen };
    ctx.memo.set(teacherKey(p), teacher, { maxEntries: keptTeachers });
  }
  const teacherNets = [
    { id: 'teacher', label: 'perfect (end of training)', W: teacher.W, width: M },
    { id: 'teacherEarly', label: `imperfect (iteration ${teacher.earlyAt})`, W: teacher.early, width: M },
  ];
  const validated = p.teacherStop === 'validation';
  if (validated)
    teacherNets.push({
      id: 'teacherBest',
      label: `validated (iteration ${teacher.bestAt})`,
      W: teacher.best,
      width: M,
    });
  const overlapFrame = (sets: OverlapSet[]): KdFrame => ({
    kind: 'overlap',
    net: 'raw',
    eigenvalues: teacher.eigen.values,
    sets,
  });
  const teacherSets = overlapSets(pr, p.activation, teacher.eigen.vectors, teacherNets);
  yield overlapFrame(teacherSets);

  // The students' teacher: its last weights, or those at its lowest validation MSE.
  const Wt = p.teacherStop === 'validation' ? teacher.best : teacher.W;
  // Theory for the live run, at the teacher's sampled units (= the student's initial weights).
  const Wk = units(Wt, d, M, idx);
  const We = units(teacher.early, d, M, idx);
  const a = idx.map((k) => teacher.a[k]);
  const live = runs[4];
  // f_∞ now (the distance curve needs it); the poles (a dense n·m eigensolve, off this thread) after the students.
  const th = kdTheory(pr.X, n, d, pr.y, Wk, a, live.lam, p.activation, false);
  const theoryFrame = {
    kind: 'theory' as const,
    ...th,
    y: Array.from(pr.y),
    lam: live.lam,
    theorem1Applies: n <= d,
  };
  yield theoryFrame;

  const phiT = features(pr.X, n, d, Wk, p.activation);
  const phiE = features(pr.X, n, d, We, p.activation);
  const normal = seededNormal(`kd-student:${p.seed}`);
  const R = runs.length;
  const spec: BatchSpec = {
    runs: R,
    m,
    activation: p.activation,
    ...netData(pr),
    a: new Float32Array(R * m),
    lam: f32(runs.map((r) => r.lam)),
    eta: f32(runs.map((r) => r.eta)),
    phi: new Float32Array(R * n * m),
    W0: new Float32Array(R * d * m),
  };
  runs.forEach((r, ri) => {
    spec.a.set(a, ri * m);
    if (r.phi !== 'none') spec.phi.set(r.phi === 'early' ? phiE : phiT, ri * n * m);
    const src = r.init === 'teacher' ? Wk : r.init === 'early' ? We : null;
    for (let j = 0; j < d; j++)
      for (let k = 0; k < m; k++) spec.W0[ri * d * m + j * m + k] = src ? src[k][j] : p.initScale * normal();
  });
  const T = p.studentIterations;
  const t0 = performance.now();
  const end = yield* trainStudents(ctx, spec, T, 'raw', { run: 4, fInf: th.fInf });
  if (!end) return;
  const stepsPerSecond = (T * 1000) / (performance.now() - t0);
  const liveOut = Array.from(end.out.subarray(4 * n, 5 * n));
  const run = (k: number) => end.W.slice(k * d * m, (k + 1) * d * m);
  yield overlapFrame([
    ...teacherSets,
    ...overlapSets(pr, p.activation, teacher.eigen.vectors, [
      {
        id: 'student',
        label: validated ? 'of the validated teacher' : 'of the perfect teacher',
        W: run(1),
        width: m,
      },
      { id: 'studentEarly', label: 'of the imperfect teacher', W: run(6), width: m },
      { id: 'noTeacher', label: 'no teacher', W: run(0), width: m },
    ]),
  ]);
  const full = await theoryWithPoles(
    { X: pr.X, n, d, y: Array.from(pr.y), Wk, a, lam: live.lam, activation: p.activation },
    ctx.cancelled,
  );
  if (!full) return;
  yield { ...theoryFrame, ...full };
  yield {
    kind: 'done',
    outputs: liveOut,
    relErr: relativeError(liveOut, th.fInf),
    // per-iteration decay of ‖f − f_∞‖ over the tail, as a rate in gradient-flow time: ÷ η
    measuredRate: tailRate(end.iter, end.dist) / live.eta,
    studentStepsPerSecond: stepsPerSecond,
  };
  if (p.embed === 'on') yield* embeddedRun(p, pr, ctx);
}
