import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFashionSubset } from '../data/fashionMnist';
import {
  defaultNtkTrainParams,
  ntkTrainJob,
  ntkTrainSchema,
  type NtkDoneFrame,
  type NtkStartFrame,
  type RunMetrics,
} from '../experiments/ntk-self-distillation/trainJob';

/** public/data, seen from this file (src/cli/). */
const dataDir = path.join(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  'public/data/',
);

const readBytes = async (p: string): Promise<ArrayBuffer> => {
  const b = await readFile(p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

export interface SelfDistillRunSummary {
  cleanAccuracy: number;
  l2ToClean: number;
  testAccuracy: number;
  /** accuracy against the observed (noisy) training labels */
  trainAccuracy: number;
}

export interface SelfDistillOutput {
  normal: SelfDistillRunSummary;
  selfDistill: SelfDistillRunSummary & { alpha: number };
  iterations: number;
  eta: number;
  lambdaMax: number;
  flippedFraction: number;
}

const summary = (m: RunMetrics): SelfDistillRunSummary => ({
  cleanAccuracy: m.cleanAccuracy,
  l2ToClean: m.l2ToClean,
  testAccuracy: m.testAccuracy,
  trainAccuracy: m.trainAccuracy,
});

/**
 * `lab ntk-self-distill`-style command: trains the normal and the self-distillation runs of the NTK
 * experiment (Dong et al., Algorithm 1) headless with tfjs on the cpu backend and returns their final
 * metrics on the clean labels.
 *
 * Input: an object with any keys of `ntkTrainSchema`; missing keys take `defaultNtkTrainParams`:
 * data 'clusters', n 256, d 32, clusters 8, radius 0.3, rho 0.27, nTest 512, trainSize 512, testSize 500,
 * p 0.4, width 2048, iterations 1500, etaScale 1 (η = 1/λ_max of the empirical NTK at init), lambda 1,
 * alphaRule 'chance', h 'sign', tau 0.5, topK 0, spectrumM 16, seed 1. (The defaults are the SCIENCE.md
 * Fig. 4 setting and take ~8 min on tfjs-cpu; pass e.g. width 512 and iterations 200 for ~20 s.)
 * Invalid input throws the ZodError (path and message) before anything runs. Fashion-MNIST is read from
 * public/data with fs.
 */
export async function selfDistillCommand(input: unknown): Promise<SelfDistillOutput> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('input must be a JSON object of parameters');
  const params = ntkTrainSchema.parse({ ...defaultNtkTrainParams, ...input });
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
  const fashion = params.data === 'fashion' ? await loadFashionSubset(readBytes, dataDir) : undefined;
  let start: NtkStartFrame | null = null;
  let done: NtkDoneFrame | null = null;
  const ctx = { tf, backend: 'cpu' as const, gpuDevice: null, cancelled: () => false };
  for await (const f of ntkTrainJob(params, ctx, fashion)) {
    if (f.kind === 'start') start = f;
    if (f.kind === 'done') done = f;
  }
  if (!start || !done) throw new Error('the training job ended without results');
  return {
    normal: summary(done.normal),
    selfDistill: { ...summary(done.selfDistill), alpha: done.selfDistill.alpha },
    iterations: done.iterations,
    eta: done.eta,
    lambdaMax: done.lambdaMax,
    flippedFraction: start.flippedFraction,
  };
}
