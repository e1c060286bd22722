import { offThread, type OffThreadTask } from '../../engine/offThread';
import type { KdTheory } from './math/theory';
import { runKdMath, type KdMathArgs, type NtkTop } from './offThreadMath';

const task: OffThreadTask<KdMathArgs, KdTheory | NtkTop> = {
  name: 'kernel-distillation/math',
  spawn: () => new Worker(new URL('./kdMath.worker.ts', import.meta.url), { type: 'module' }),
  run: runKdMath,
};

/** Theorems 1 and 3 with the poles, off this thread; null when the run was cancelled first. */
export const theoryWithPoles = (
  args: Omit<Extract<KdMathArgs, { op: 'theory' }>, 'op'>,
  cancelled: () => boolean,
) => offThread(task, { op: 'theory', ...args }, cancelled) as Promise<KdTheory | null>;

/** H∞'s top k eigenpairs, off this thread; null when the run was cancelled first. */
export const ntkTopOff = (
  args: Omit<Extract<KdMathArgs, { op: 'ntkTop' }>, 'op'>,
  cancelled: () => boolean,
) => offThread(task, { op: 'ntkTop', ...args }, cancelled) as Promise<NtkTop | null>;
