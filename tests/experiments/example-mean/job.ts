import type { JobContext } from '../../../src/engine/job';
import { seededNormal } from '../../../src/math/rng';
import type { Params } from './params';

export interface Frame {
  n: Float64Array;
  error: Float64Array;
}

/** The running mean of N(0, σ²) draws; one frame per 10 % of the samples. */
export async function* runningMean(p: Params, ctx: JobContext): AsyncGenerator<Frame, void, void> {
  const draw = seededNormal(p.seed);
  const chunk = Math.ceil(p.samples / 10);
  let sum = 0;
  for (let i = 0; i < p.samples && !ctx.cancelled();) {
    const n: number[] = [];
    const error: number[] = [];
    for (const end = Math.min(i + chunk, p.samples); i < end;) {
      sum += p.sigma * draw();
      i++;
      n.push(i);
      error.push(Math.abs(sum / i));
    }
    yield { n: Float64Array.from(n), error: Float64Array.from(error) };
  }
}
