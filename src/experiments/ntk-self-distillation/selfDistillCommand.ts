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
  backend: 'wasm' | 'cpu';
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
 * Algorithm 1) headless on tfjs's fastest CPU backend (wasm) and returns their final metrics on the clean labels.
 * Input: any keys of `ntkTrainSchema` (validated by the CLI before this runs); missing keys take
 * `defaultNtkTrainParams` (the SCIENCE.md Fig. 4 setting, ~8 min on tfjs-cpu; width 512 and iterations
 * 200 take ~20 s).
 */
export async function selfDistillCommand(
  params: NtkTrainParams,
  env: CommandEnv,
): Promise<SelfDistillOutput> {
  const backend = await env.cpuBackend();
  const fashion =
    params.data === 'fashion' ? await loadFashionSubset((p) => env.readPublicFile(p), 'data/') : undefined;
  let start: NtkStartFrame | null = null;
  let done: NtkDoneFrame | null = null;
  const ctx = createJobContext({ tf, backend });
  const pace = new Pace(params.iterations, env, backend);
  for await (const f of ntkTrainJob(params, ctx, fashion)) {
    if (f.kind === 'start') start = f;
    if (f.kind === 'done') done = f;
    // breaking out of the loop returns the generator: its finally blocks free the networks
    if (f.kind === 'progress' || f.kind === 'metrics') pace.at(f.iteration, f.elapsedMs);
  }
  if (!start || !done) throw new Error('the training job ended without results');
  return {
    backend,
    normal: summary(done.normal),
    selfDistill: { ...summary(done.selfDistill), alpha: done.selfDistill.alpha },
    iterations: done.iterations,
    eta: done.eta,
    lambdaMax: done.lambdaMax,
    flippedFraction: start.flippedFraction,
  };
}

/**
 * Progress lines (at most one every 2 s; the job reports about every 100 ms of work), the estimated
 * total once a second of training (a tenth of a smaller budget) has been timed, and a refusal when that is over the CLI's budget.
 */
class Pace {
  private first: { iteration: number; ms: number } | null = null;
  private estimated = false;
  private lastLine = 0;

  constructor(
    private readonly iterations: number,
    private readonly env: CommandEnv,
    private readonly backend: string,
  ) {}

  at(iteration: number, elapsedMs: number): void {
    if (!this.first) {
      this.first = { iteration, ms: elapsedMs };
      return;
    }
    const done = iteration - this.first.iteration;
    const msPerIteration = (elapsedMs - this.first.ms) / Math.max(done, 1);
    // timed over a second of training, or a tenth of a smaller budget
    const timed = Math.min(1000, this.env.budgetSeconds * 100);
    if (!this.estimated && elapsedMs - this.first.ms >= timed && done > 0) {
      this.estimated = true;
      // the setup before the first iterations (data, the starting spectrum) is paid again at the end
      const setup = this.first.ms;
      const totalS = (2 * setup + this.iterations * msPerIteration) / 1000;
      this.env.progress(
        `estimated ${totalS.toFixed(0)} s in all on ${this.backend} (${this.iterations} iterations, ${msPerIteration.toFixed(1)} ms each for both runs)`,
      );
      const budget = this.env.budgetSeconds;
      if (totalS > budget) {
        const fits = Math.max(1, Math.floor((0.8 * budget * 1000 - 2 * setup) / msPerIteration));
        throw new Error(
          `refused: about ${totalS.toFixed(0)} s on ${this.backend} here, over the ${budget} s budget; ` +
            `{"iterations": ${fits}} fits it (or set LAB_MAX_SECONDS=${Math.ceil(totalS * 1.2)} to run this one)`,
        );
      }
    }
    if (elapsedMs - this.lastLine >= 2000) {
      this.lastLine = elapsedMs;
      this.env.progress(`iteration ${iteration}/${this.iterations} (${(elapsedMs / 1000).toFixed(0)} s)`);
    }
  }
}
