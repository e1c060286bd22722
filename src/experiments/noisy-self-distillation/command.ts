import * as tf from '@tensorflow/tfjs';
import { loadFashionSubset } from '../../data/fashionMnist';
import type { CommandEnv } from '../types';
import type { CheckpointFrame, DoneFrame, TeacherFrame } from './job';
import { noisyDistillJob } from './job';
import type { CommandInput } from './commandSchema';
import { selectByValidation, summarise } from './summary';
import { createJobContext } from '../../engine/job';

/** JSON has no NaN: a level whose every seed diverged reports null (and `diverged` = seeds). */
const num = (v: number) => (Number.isFinite(v) ? v : null);

/** `lab noisy-distill`: one sweep headless; the final checkpoint, summarised per level over seeds. */
export async function noisyDistillCommand(input: CommandInput, env: CommandEnv) {
  const backend = await env.cpuBackend();
  const data = await loadFashionSubset((p) => env.readPublicFile(p), 'data/');
  const { noise, levels, ...training } = input;
  const runs = levels.map((level) => ({ noise, level }));
  const ctx = createJobContext({ tf, backend: backend as 'cpu' });
  let teacher: TeacherFrame | null = null;
  let last: CheckpointFrame | null = null;
  let done: DoneFrame | null = null;
  let told = -1;
  for await (const f of noisyDistillJob({ ...training, runs }, ctx, data)) {
    if (f.kind === 'teacher') {
      teacher = f;
      env.progress(
        `teacher: val ${f.valAcc.toFixed(3)}, test ${f.testAcc.toFixed(3)} (${(f.ms / 1000).toFixed(1)} s)`,
      );
    } else if (f.kind === 'checkpoint') last = f;
    else if (f.kind === 'done') done = f;
    else if (f.kind === 'progress' && Math.floor(f.epoch) > told) {
      told = Math.floor(f.epoch);
      env.progress(`${f.phase}: epoch ${told}/${f.epochs} (${(f.elapsedMs / 1000).toFixed(0)} s)`);
    }
  }
  if (!teacher || !last || !done) throw new Error('the sweep ended without results');
  const rs = summarise(runs, last);
  const picked = selectByValidation(rs);
  return {
    noise,
    backend,
    teacher: { valAcc: teacher.valAcc, testAcc: teacher.testAcc, gradNormSq: teacher.gradNormSq },
    results: rs.map((r) => ({
      level: r.level,
      gradNormSq: num(r.gradNormSq),
      gradNormSqSd: num(r.gradNormSqSd),
      valAcc: num(r.valAcc),
      testAcc: num(r.testAcc),
      diverged: r.diverged,
    })),
    selectedByValidation: picked >= 0 ? { level: rs[picked].level, testAcc: rs[picked].testAcc } : null,
    seconds: done.totalMs / 1000,
  };
}

export type NoisyDistillOutput = Awaited<ReturnType<typeof noisyDistillCommand>>;
