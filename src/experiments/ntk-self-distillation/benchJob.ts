import type * as tfjs from '@tensorflow/tfjs-core';
import type { NtkBenchParams } from './benchParams';
import type { JobContext } from '../../engine/job';
import { reluNtk, symmetricEigen } from '../../math/ntkRelu';
import { topEigenvalues } from '../../models/subspaceEigen';
import { empiricalNtk } from '../../models/twoLayer';
import { clusterData } from './data';
import { ntkTrainJob } from './trainJob';

export interface NtkBenchResult {
  backend: string;
  spectrum: { n: number; float64Ms: number | null; tfjsMs: number; m: number; iterations: number }[];
  training: { n: number; width: number; stepsPerSecond: number; msPerStep: number }[];
}

/** NTK spectrum and training throughput on the engine's backend (used by `npm run bench`). */
export async function* ntkBenchJob(
  p: NtkBenchParams,
  ctx: JobContext,
): AsyncGenerator<NtkBenchResult, void, void> {
  const tf = ctx.tf;
  const spectrum: NtkBenchResult['spectrum'] = [];
  for (const n of p.sizes) {
    const set = clusterData({ n, d: 32, clusters: 8, radius: 0.3, rho: 0.2, seed: 1 });
    let float64Ms: number | null = null;
    if (p.float64) {
      const t0 = performance.now();
      symmetricEigen(reluNtk(set.X));
      float64Ms = performance.now() - t0;
    }
    // The live network's kernel at width 1024 and its top 16 eigenvalues by subspace iteration.
    const t1 = performance.now();
    const X = tf.tensor2d(set.X);
    const H = tf.tidy(() =>
      empiricalNtk(tf, X, tf.randomNormal([32, 1024], 0, 1, 'float32', 7) as tfjs.Tensor2D, 'relu'),
    );
    const top = await topEigenvalues(tf, H, 16, 1, ctx.cancelled);
    const tfjsMs = performance.now() - t1;
    tf.dispose([X, H]);
    spectrum.push({ n, float64Ms, tfjsMs, m: 16, iterations: top?.iterations ?? 0 });
  }
  const training: NtkBenchResult['training'] = [];
  for (const width of p.widths) {
    for await (const f of ntkTrainJob(
      {
        data: 'clusters',
        n: p.trainN,
        d: 32,
        clusters: 8,
        radius: 0.3,
        rho: 0.27,
        nTest: 64,
        trainSize: 64,
        testSize: 64,
        p: 0,
        width,
        iterations: p.trainIterations,
        etaScale: 1,
        lambda: 1,
        alphaRule: 'chance',
        h: 'sign',
        tau: 0.5,
        topK: 0,
        spectrumM: 4,
        seed: 1,
      },
      ctx,
    ))
      if (f.kind === 'done')
        training.push({ n: p.trainN, width, stepsPerSecond: f.stepsPerSecond, msPerStep: f.msPerStep });
  }
  yield { backend: ctx.backend, spectrum, training };
}
