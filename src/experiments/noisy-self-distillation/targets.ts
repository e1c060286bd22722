import { chainSeed } from '../../math/chainRng';
import { gaussianLogits, swapLogits } from './math/logitNoise';
import { seededUniform } from '../../math/rng';
import { noiseKinds, type RunSpec } from './params';

/**
 * Each minibatch's noisy targets for every (run, seed) network, built on the CPU from the teacher's saved
 * training logits: fresh noise per iteration (the paper's "for every iteration of self-distillation").
 *
 * Common random numbers: the runs of one noise kind and one seed replay the same uniforms, so the
 * Gaussian levels differ only in the scale σ of one z, and a larger swap p swaps a superset of the
 * coordinates. The sweep then compares levels, not noise draws.
 */
export class NoisyTargets {
  private readonly streams: (() => number)[][];
  private readonly replay: Float64Array;
  private readonly L: number;

  constructor(
    private readonly teacher: Float32Array,
    L: number,
    private readonly runs: readonly RunSpec[],
    private readonly seeds: number,
    seed: number,
  ) {
    this.L = L;
    this.streams = Array.from({ length: seeds }, (_, s) =>
      noiseKinds.map((_k, k) => seededUniform(chainSeed(seed, 1000 + 2 * s + k))),
    );
    // gaussian() and swapLogits() both use exactly two uniforms per coordinate
    this.replay = new Float64Array(2 * L);
  }

  /**
   * Targets [runs·seeds, rows, L] (network r·seeds + s) for the training rows `index(s, row)`.
   */
  fill(rows: number, index: (s: number, row: number) => number): Float32Array {
    const { L, seeds, runs, replay } = this;
    const out = new Float32Array(runs.length * seeds * rows * L);
    for (let s = 0; s < seeds; s++)
      for (let row = 0; row < rows; row++) {
        const i = index(s, row);
        noiseKinds.forEach((kind, k) => {
          if (!runs.some((r) => r.noise === kind)) return;
          const u = this.streams[s][k];
          for (let j = 0; j < replay.length; j++) replay[j] = u();
          runs.forEach((r, ri) => {
            if (r.noise !== kind) return;
            let c = 0;
            const next = () => replay[c++];
            const off = ((ri * seeds + s) * rows + row) * L;
            if (kind === 'gaussian')
              gaussianLogits(this.teacher, i * L, L, Math.sqrt(r.level), next, out, off);
            else swapLogits(this.teacher, i * L, L, r.level, next, out, off);
          });
        });
      }
    return out;
  }
}
