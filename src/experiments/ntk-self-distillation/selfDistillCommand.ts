import * as tf from '@tensorflow/tfjs';
import { loadFashionSubset } from '../../data/fashionMnist';
import type { CommandEnv } from '../types';
import type { RunMetrics } from './evaluator';
import type { NtkDoneFrame, NtkStartFrame } from './frames';
import { ntkTrainJob } from './trainJob';
import type { NtkTrainParams } from './trainParams';
import { createJobContext } from '../../engine/job';

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
 * `lab self-distill`: trains the normal and the self-distillation runs of the NTK experiment (Dong et al.,
 * Algorithm 1) headless with tfjs on the cpu backend and returns their final metrics on the clean labels.
 * Input: any keys of `ntkTrainSchema` (validated by the CLI before this runs); missing keys take
 * `defaultNtkTrainParams` (the SCIENCE.md Fig. 4 setting, ~8 min on tfjs-cpu; width 512 and iterations
 * 200 take ~20 s).
 */
export async function selfDistillCommand(
  params: NtkTrainParams,
  env: CommandEnv,
): Promise<SelfDistillOutput> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
  const fashion =
    params.data === 'fashion' ? await loadFashionSubset((p) => env.readPublicFile(p), 'data/') : undefined;
  let start: NtkStartFrame | null = null;
  let done: NtkDoneFrame | null = null;
  const ctx = createJobContext({ tf, backend: 'cpu' });
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
