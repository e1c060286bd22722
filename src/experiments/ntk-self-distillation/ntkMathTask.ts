import { offThread, type OffThreadTask } from '../../engine/offThread';
import { runNtkMath, type NtkEigen, type NtkFig2, type NtkMathArgs } from './spectrumMath';

/** The job's eigensolves on a worker of their own (engine/offThread): a restart is heard at once. */
const task: OffThreadTask<NtkMathArgs, NtkEigen | NtkFig2> = {
  name: 'ntk-self-distillation/math',
  spawn: () => new Worker(new URL('./ntkMath.worker.ts', import.meta.url), { type: 'module' }),
  run: runNtkMath,
};

/** H∞ and its eigen-decomposition; null when the run was cancelled first. */
export const ntkEigenOff = (X: number[][], cancelled: () => boolean) =>
  offThread(task, { op: 'eigen', X }, cancelled) as Promise<NtkEigen | null>;

/** Fig. 2's ratios over the draws; null when the run was cancelled first. */
export const fig2Off = (p: NtkMathArgs & { op: 'fig2' }, cancelled: () => boolean) =>
  offThread(task, p, cancelled) as Promise<NtkFig2 | null>;
