import type { JobContext } from '../../engine/job';
import type { KdFrame, NetInputs } from './frames';
import { BatchNets, type BatchSpec } from './nets';
import { relativeError } from './math/theory';
import { checkpoints, frameMs } from './teacher';
import { breathe } from '../../engine/breathe';

export interface StudentsEnd {
  /** final weights, runs × d × m */
  W: Float32Array;
  /** final outputs on the training inputs, runs × n */
  out: Float32Array;
  /** checkpoints and ‖f − f_∞‖/‖f_∞‖ of the tracked run */
  iter: number[];
  dist: number[];
}

/**
 * Trains the runs of `spec` side by side for T steps, yielding their loss curves. With `track`, the
 * outputs of run `track.run` are read at every checkpoint and compared with Theorem 1's f_∞.
 */
export async function* trainStudents(
  ctx: JobContext,
  spec: BatchSpec,
  T: number,
  net: NetInputs,
  track: { run: number; fInf: number[] } | null,
): AsyncGenerator<KdFrame, StudentsEnd | null> {
  const nets = new BatchNets(ctx.tf, spec);
  const { n } = spec;
  const t0 = performance.now();
  const iters: number[] = [];
  const dists: number[] = [];
  try {
    let last = performance.now();
    const empty = () => ({
      iter: [] as number[],
      train: [] as number[][],
      test: [] as number[][],
      val: [] as number[][],
      dist: [] as number[],
    });
    let buf = empty();
    let it = 0;
    for (const cp of checkpoints(T)) {
      while (it < cp) {
        await breathe();
        if (ctx.cancelled()) return null;
        nets.step();
        it++;
      }
      const l = await nets.losses();
      buf.iter.push(cp);
      buf.train.push(Array.from(l.train));
      buf.test.push(Array.from(l.test));
      buf.val.push(Array.from(l.val));
      if (track) {
        const out = await nets.outputs();
        const dist = relativeError(out.subarray(track.run * n, (track.run + 1) * n), track.fInf);
        buf.dist.push(dist);
        iters.push(cp);
        dists.push(dist);
      }
      if (ctx.cancelled()) return null;
      if (performance.now() - last > frameMs || cp === T) {
        yield { kind: 'students', net, ...buf, stepsPerSecond: (it * 1000) / (performance.now() - t0) };
        buf = empty();
        last = performance.now();
      }
    }
    return { W: await nets.weights(), out: await nets.outputs(), iter: iters, dist: dists };
  } finally {
    nets.dispose();
  }
}
