import { contentKey } from './contentKey';
import type { JobContext } from '../../engine/job';
import { siteFashionSubset, type FashionSubset } from '../../data/fashionMnist';
import { clusterData, fashionNoisy } from './data';
import { type NtkParams } from './params';
import type { NtkExperimentFrame } from './frames';
import { fig2Off, ntkEigenOff } from './ntkMathTask';
import { matrixRatio, type NtkEigen, type NtkFig2 } from './spectrumMath';
import { teacherEpochsJob } from './teacherEpochsJob';
import { fig1JobParams } from './teacherEpochsParams';
import { ntkTrainJob } from './trainJob';
import { sweepWidths, widthSweep } from './widthSweep';

/**
 * In the linearised (NTK) regime u_t ≈ (I − (I − ηH∞)^t) y, so along eigenvector e_i a fraction
 * 1 − (1 − ηλ_i)^t of the labels is fitted. Projecting on the clean labels and on the noise shows the
 * noise — which lives in the small eigenspaces — being fitted last.
 */
function fitPredictor(Y: number[][], Yclean: number[][], eig: { values: number[]; vectors: number[][] }) {
  const C = Y[0].length;
  const za: number[] = [];
  const zb: number[] = [];
  let cc = 0;
  let nn = 0;
  Y.forEach((r, j) =>
    r.forEach((v, c) => {
      cc += Yclean[j][c] ** 2;
      nn += (v - Yclean[j][c]) ** 2;
    }),
  );
  eig.vectors.forEach((vec) => {
    let a = 0;
    let b = 0;
    for (let c = 0; c < C; c++) {
      let z = 0;
      let zc = 0;
      for (let j = 0; j < vec.length; j++) {
        z += vec[j] * Y[j][c];
        zc += vec[j] * Yclean[j][c];
      }
      a += z * zc;
      b += z * (z - zc);
    }
    za.push(a);
    zb.push(b);
  });
  return (eta: number, t: number) => {
    let clean = 0;
    let noise = 0;
    eig.values.forEach((lam, i) => {
      const g = 1 - Math.pow(1 - eta * lam, t);
      clean += g * za[i];
      noise += g * zb[i];
    });
    return { clean: cc > 0 ? clean / cc : 0, noise: nn > 0 ? noise / nn : null };
  };
}

/**
 * Dong et al. live: the exact spectrum and Fig. 2 first (float64, on a worker of their own), the width sweep of
 * the empirical NTK, then normal training and Algorithm 1 side by side (trainJob).
 */
export async function* ntkExperimentJob(
  p: NtkParams,
  ctx: JobContext,
): AsyncGenerator<NtkExperimentFrame, void, void> {
  let subset: FashionSubset | undefined;
  if (p.data === 'fashion') {
    subset = await siteFashionSubset();
    if (ctx.cancelled()) return;
  }
  // The training inputs exactly as trainJob builds them.
  const t0 = performance.now();
  const dataKey = JSON.stringify([p.data, p.n, p.d, p.clusters, p.radius, p.rho, p.p, p.seed]);
  const train =
    p.data === 'clusters'
      ? (() => {
          const s = clusterData({
            n: p.n,
            d: p.d,
            clusters: p.clusters,
            radius: p.radius,
            rho: p.rho,
            seed: p.seed,
          });
          return { X: s.X, Y: s.y.map((v) => [v]), Yclean: s.yClean.map((v) => [v]) };
        })()
      : (() => {
          const f = fashionNoisy(subset!, { trainSize: p.n, testSize: 10, p: p.p, seed: p.seed });
          const onehot = (c: number) => f.Y[0].map((_, j) => (j === c ? 1 : 0));
          return { X: f.X, Y: f.Y, Yclean: f.yCleanClass.map(onehot) };
        })();
  // Kept between runs (ctx.memo): a λ or η change must not redo the eigensolves. They run off this
  // thread, so a slider that restarts the run is heard while they compute. H∞ and the empirical NTK
  // depend on X alone, so they are keyed by X's contents: a change of the labels' noise (ρ, p) that
  // leaves X as it was reuses them too.
  const inputsKey = contentKey(train.X);
  const eigKey = `ntk-eig:${inputsKey}`;
  let spectrum = ctx.memo.get<NtkEigen>(eigKey);
  if (!spectrum) {
    spectrum = (await ntkEigenOff(train.X, ctx.cancelled)) ?? undefined;
    if (!spectrum) return;
    ctx.memo.set(eigKey, spectrum, { maxEntries: 4 });
  }
  const { hInf, eig } = spectrum;
  yield {
    kind: 'theory',
    eigenvalues: eig.values,
    labelRatio: matrixRatio(train.Y, eig.vectors, p.topK),
    cleanRatio: matrixRatio(train.Yclean, eig.vectors, p.topK),
    topK: p.topK,
    ms: performance.now() - t0,
  };
  if (ctx.cancelled()) return;
  const t1 = performance.now();
  const fig2Key = `ntk-fig2:${dataKey}:${p.draws}:${p.topK}`;
  let fig2 = ctx.memo.get<NtkFig2>(fig2Key);
  if (!fig2) {
    fig2 = (await fig2Off({ op: 'fig2', p, subset: subset ?? null }, ctx.cancelled)) ?? undefined;
    if (!fig2) return;
    ctx.memo.set(fig2Key, fig2, { maxEntries: 8 });
  }
  yield { kind: 'fig2', ...fig2, ms: performance.now() - t1 };
  if (ctx.cancelled()) return;
  const t2 = performance.now();
  const widths = sweepWidths(p.width, ctx.backend);
  // Kept per width, and only once computed: see widthSweep.
  const distance = await widthSweep(ctx, inputsKey, train.X, hInf, widths, p.seed);
  if (!distance || ctx.cancelled()) return;
  yield { kind: 'width', widths, distance, ms: performance.now() - t2 };
  const predict = fitPredictor(train.Y, train.Yclean, eig);
  let eta = 0;
  for await (const f of ntkTrainJob(
    {
      data: p.data,
      n: p.n,
      d: p.d,
      clusters: p.clusters,
      radius: p.radius,
      rho: p.rho,
      nTest: 512,
      trainSize: p.n,
      testSize: 500,
      p: p.p,
      width: p.width,
      iterations: p.iterations,
      etaScale: p.etaScale,
      lambda: p.lambda,
      alphaRule: p.alphaRule,
      h: p.h,
      tau: p.tau,
      topK: p.topK,
      spectrumM: Math.min(16, p.n),
      seed: p.seed,
      topEig: eig.vectors.slice(0, p.topK),
      hInf: hInf.flat(),
    },
    ctx,
    subset,
  )) {
    if (f.kind === 'start') eta = f.eta;
    yield f.kind === 'metrics' ? { ...f, theoryFit: predict(eta, f.iteration) } : f;
  }
  // Fig. 1 last: the NTK figures above do not wait for its training (cached: other sliders do not rerun it).
  if (p.fig1 === 'on' && !ctx.cancelled()) yield* teacherEpochsJob(fig1JobParams(p), ctx, subset);
}
