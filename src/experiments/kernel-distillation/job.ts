import {
  defaultDataBaseUrl,
  fetchArrayBuffer,
  loadFashionSubset,
  type FashionSubset,
} from '../../data/fashionMnist';
import type { JobContext } from '../../engine/job';
import { seededNormal, seededUniform } from '../../math/rng';
import { makeProblem, type KdProblem } from './data';
import type { KdFrame, RunInfo } from './frames';
import { BatchNets, type BatchSpec } from './nets';
import type { KdParams } from './params';
import { gramTop, kdTheory, relativeError, tailRate } from './theory';

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
const frameMs = 60;

/** Iterations at which losses are recorded: 0 and ~160 log-spaced points up to T. */
function checkpoints(T: number): number[] {
  const s = new Set([0, T]);
  for (let i = 0; i <= 160; i++) s.add(Math.round(T ** (i / 160)));
  return [...s].sort((a, b) => a - b);
}

interface Teacher {
  key: string;
  W: Float32Array; // d × M
  early: Float32Array;
  earlyAt: number;
  a: Float32Array;
  eta: number;
  frames: KdFrame[];
}
let cached: Teacher | null = null;

const teacherKey = (p: KdParams) =>
  JSON.stringify({ ...p, lambda: 0, studentIterations: 0, studentWidth: 0 });

const f32 = (x: ArrayLike<number>) => Float32Array.from(x);

async function* trainTeacher(
  p: KdParams,
  pr: KdProblem,
  ctx: JobContext,
  gTop: number,
): AsyncGenerator<KdFrame, Teacher | null> {
  const M = p.teacherWidth;
  const u = seededUniform(`kd-a:${p.seed}`);
  // balanced ±1 output signs in random order
  const a = Float32Array.from({ length: M }, (_, i) => (i < M / 2 ? 1 : -1));
  for (let i = M - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  const normal = seededNormal(`kd-w:${p.seed}`);
  const W0 = Float32Array.from({ length: pr.d * M }, () => p.initScale * normal());
  const eta = p.stepScale / gTop;
  const spec: BatchSpec = {
    runs: 1,
    n: pr.n,
    d: pr.d,
    m: M,
    activation: p.activation,
    X: f32(pr.X),
    testX: f32(pr.testX),
    nTest: pr.nTest,
    y: f32(pr.y),
    testY: f32(pr.testY),
    a,
    lam: f32([0]),
    eta: f32([eta]),
    phi: new Float32Array(pr.n * M),
    W0,
  };
  const net = new BatchNets(ctx.tf, spec);
  const T = p.teacherIterations;
  const earlyAt = Math.max(1, Math.round(p.imperfectAt * T));
  let early: Float32Array = W0;
  const frames: KdFrame[] = [];
  const t0 = performance.now();
  try {
    let last = performance.now();
    let buf: { iter: number[]; train: number[]; test: number[] } = { iter: [], train: [], test: [] };
    let it = 0;
    for (const cp of checkpoints(T)) {
      while (it < cp) {
        net.step();
        it++;
        if (it === earlyAt) early = await net.weights();
      }
      const l = await net.losses();
      buf.iter.push(cp);
      buf.train.push(l.train[0]);
      buf.test.push(l.test[0]);
      if (ctx.cancelled()) return null;
      if (performance.now() - last > frameMs || cp === T) {
        const f: KdFrame = {
          kind: 'teacher',
          ...buf,
          stepsPerSecond: (it * 1000) / (performance.now() - t0),
        };
        frames.push(f);
        yield f;
        buf = { iter: [], train: [], test: [] };
        last = performance.now();
      }
    }
    return { key: teacherKey(p), W: await net.weights(), early, earlyAt, a, eta, frames };
  } finally {
    net.dispose();
  }
}

/** Columns `idx` of a d × M row-major matrix, as an m × d list of rows (one per unit). */
const units = (W: Float32Array, d: number, M: number, idx: number[]) =>
  idx.map((k) => Array.from({ length: d }, (_, j) => W[j * M + k]));

function features(X: Float64Array, n: number, d: number, Wk: number[][], act: KdParams['activation']) {
  const m = Wk.length;
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < m; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * Wk[k][j];
      out[i * m + k] = act === 'tanh' ? Math.tanh(z) : Math.max(z, 0);
    }
  return out;
}

/** The page's run. `fashion` is passed in Node (tests, CLI); the browser fetches it. */
export async function* kdJob(
  p: KdParams,
  ctx: JobContext,
  fashion?: FashionSubset,
): AsyncGenerator<KdFrame, void, void> {
  let subset: FashionSubset | null = null;
  if (p.data === 'fashion') {
    subset = fashion ?? (await loadFashionSubset(fetchArrayBuffer, defaultDataBaseUrl()));
    if (ctx.cancelled()) return;
  }
  const pr = makeProblem(p, subset);
  const { n, d } = pr;
  const gTop = gramTop(pr.X, n, d);
  const m = p.studentWidth;
  const M = p.teacherWidth;
  // units sampled for the student: the first m of a seeded permutation
  const u = seededUniform(`kd-sample:${p.seed}`);
  const perm = Array.from({ length: M }, (_, i) => i);
  for (let i = M - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const idx = perm.slice(0, m);
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
  yield { kind: 'setup', n, d, nTest: pr.nTest, flipped: pr.flipped, gramTop: gTop, runs, units: idx };

  let teacher = cached?.key === teacherKey(p) ? cached : null;
  if (teacher) for (const f of teacher.frames) yield f;
  else {
    const gen = trainTeacher(p, pr, ctx, gTop);
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        teacher = r.value;
        break;
      }
      yield r.value;
    }
    if (!teacher) return;
    cached = teacher;
  }

  // Theory for the live run, at the teacher's sampled units (= the student's initial weights).
  const Wk = units(teacher.W, d, M, idx);
  const We = units(teacher.early, d, M, idx);
  const a = idx.map((k) => teacher.a[k]);
  const live = runs[4];
  // f_∞ now (the distance curve needs it); the poles (a dense n·m eigensolve) after the students.
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
    n,
    d,
    m,
    activation: p.activation,
    X: f32(pr.X),
    testX: f32(pr.testX),
    nTest: pr.nTest,
    y: f32(pr.y),
    testY: f32(pr.testY),
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
  const net = new BatchNets(ctx.tf, spec);
  const T = p.studentIterations;
  const t0 = performance.now();
  const liveIter: number[] = [];
  const liveDist: number[] = [];
  try {
    let last = performance.now();
    let buf = { iter: [] as number[], train: [] as number[][], test: [] as number[][], dist: [] as number[] };
    let it = 0;
    let out: Float32Array = new Float32Array(0);
    for (const cp of checkpoints(T)) {
      while (it < cp) {
        net.step();
        it++;
      }
      const l = await net.losses();
      out = await net.outputs();
      const dist = relativeError(out.subarray(4 * n, 5 * n), th.fInf);
      buf.iter.push(cp);
      buf.train.push(Array.from(l.train));
      buf.test.push(Array.from(l.test));
      buf.dist.push(dist);
      liveIter.push(cp);
      liveDist.push(dist);
      if (ctx.cancelled()) return;
      if (performance.now() - last > frameMs || cp === T) {
        yield { kind: 'students', ...buf, stepsPerSecond: (it * 1000) / (performance.now() - t0) };
        buf = { iter: [], train: [], test: [], dist: [] };
        last = performance.now();
      }
    }
    const liveOut = Array.from(out.subarray(4 * n, 5 * n));
    yield { ...theoryFrame, ...kdTheory(pr.X, n, d, pr.y, Wk, a, live.lam, p.activation, true) };
    yield {
      kind: 'done',
      outputs: liveOut,
      relErr: relativeError(liveOut, th.fInf),
      // per-iteration decay of ‖f − f_∞‖ over the tail, as a rate in gradient-flow time: ÷ η
      measuredRate: tailRate(liveIter, liveDist) / live.eta,
      studentStepsPerSecond: (T * 1000) / (performance.now() - t0),
    };
  } finally {
    net.dispose();
  }
}
