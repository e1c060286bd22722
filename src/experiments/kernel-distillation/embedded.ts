import type { JobContext } from '../../engine/job';
import { gramTopEigenvalue } from '../../math/powerIteration';
import { seededNormal, seededUniform } from '../../math/rng';
import { alignKernels, bandwidths, crossGram, gaussianFromGram } from './math/alignf';
import type { KdProblem } from './data';
import type { KdFrame } from './frames';
import { ntkTop, overlapSets } from './overlapSets';
import type { BatchSpec } from './nets';
import { embed, nystromMap } from './math/nystrom';
import type { KdParams } from './params';
import { trainStudents } from './students';
import { f32, features, netData, sampledUnits, trainTeacher, units, type Teacher } from './teacher';

/**
 * Sections 4.3 and 4.5 (Fig. 4, 6): learn a kernel from seven Gaussians by centred alignment with the
 * training labels, embed every input by Nyström (landmarks: r seeded training points) and normalise
 * the embedding, then train a teacher and two students (no teacher, λ = 0.01) on it exactly as on the
 * raw inputs. The teacher is cached like the raw one.
 */

const combined = (G: Float64Array, mu: number[]) => {
  const K = new Float64Array(G.length);
  mu.forEach((w, k) => {
    if (w > 0) gaussianFromGram(G, bandwidths[k]).forEach((v, i) => (K[i] += w * v));
  });
  return K;
};

/** The problem with every input replaced by its unit-norm Nyström embedding; null if no kernel aligns. */
function embedProblem(p: KdParams, pr: KdProblem) {
  const { n, d } = pr;
  const al = alignKernels(crossGram(pr.X, n, pr.X, n, d), pr.y);
  const r = Math.min(p.nystromRank, n);
  const u = seededUniform(`kd-landmarks:${p.seed}`);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const L = new Float64Array(r * d);
  perm.slice(0, r).forEach((i, l) => L.set(pr.X.subarray(i * d, (i + 1) * d), l * d));
  if (!al.mu.some((w) => w > 0)) return { al, r, kept: 0, pe: null };
  const map = nystromMap(combined(crossGram(L, r, L, r, d), al.mu), r);
  const emb = (A: Float64Array, rows: number) =>
    embed(combined(crossGram(A, rows, L, r, d), al.mu), rows, map);
  const pe: KdProblem = {
    ...pr,
    d: map.kept,
    X: emb(pr.X, n),
    testX: emb(pr.testX, pr.nTest),
    valX: emb(pr.valX, pr.nVal),
  };
  return { al, r, kept: map.kept, pe };
}

export async function* embeddedRun(p: KdParams, pr: KdProblem, ctx: JobContext): AsyncGenerator<KdFrame> {
  const { al, r, kept, pe } = embedProblem(p, pr);
  yield { kind: 'alignment', bandwidths, ...al, rank: r, kept };
  if (!pe) return;
  const gTop = gramTopEigenvalue(pe.X, pe.n, pe.d);
  const key =
    'kd-teacher-embedded:' +
    JSON.stringify({ ...p, lambda: 0, studentIterations: 0, studentWidth: 0, teacherStop: 0 });
  let teacher = ctx.memo.get<Teacher>(key);
  if (teacher) for (const f of teacher.frames) yield f;
  else {
    // yield* (not a next() loop): a cancelled run's return() reaches the nets' finally.
    const t: Teacher | null = yield* trainTeacher(p, pe, ctx, gTop, 'embedded');
    if (!t) return;
    teacher = t;
    ctx.memo.set(key, teacher, { maxEntries: 2 });
  }
  const { n, d } = pe;
  const m = p.studentWidth;
  const M = p.teacherWidth;
  const idx = sampledUnits(M, m, p.seed);
  const Wk = units(p.teacherStop === 'validation' ? teacher.best : teacher.W, d, M, idx);
  const a = idx.map((k) => teacher.a[k]);
  const lam = [0, 0.01];
  const normal = seededNormal(`kd-student-emb:${p.seed}`);
  const spec: BatchSpec = {
    runs: 2,
    m,
    activation: p.activation,
    ...netData(pe),
    a: f32([...a, ...a]),
    lam: f32(lam),
    eta: f32(lam.map((l) => p.stepScale / ((1 + l) * gTop))),
    phi: new Float32Array(2 * n * m),
    W0: new Float32Array(2 * d * m),
  };
  spec.phi.set(features(pe.X, n, d, Wk, p.activation), n * m);
  for (let j = 0; j < d; j++)
    for (let k = 0; k < m; k++) {
      spec.W0[j * m + k] = p.initScale * normal();
      spec.W0[d * m + j * m + k] = Wk[k][j];
    }
  const end = yield* trainStudents(ctx, spec, p.studentIterations, 'embedded', null);
  if (!end) return;
  const eigen = await ntkTop(pe, p, ctx.cancelled);
  if (!eigen) return;
  yield {
    kind: 'overlap',
    net: 'embedded',
    eigenvalues: eigen.values,
    sets: overlapSets(pe, p.activation, eigen.vectors, [
      { id: 'teacherEmb', label: 'kernel embedding', W: teacher.W, width: M },
      { id: 'studentEmb', label: 'kernel embedding', W: end.W.slice(d * m), width: m },
    ]),
  };
}
