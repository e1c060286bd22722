import type { CheckpointFrame, DoneFrame, NoisyFrame, ProgressFrame, StartFrame, TeacherFrame } from './job';

/** What the page keeps of a sweep: every checkpoint (Fig. 3 and eq. 16 over training), the teacher, timing. */
export interface NoisyResults {
  start: StartFrame | null;
  teacher: TeacherFrame | null;
  checkpoints: CheckpointFrame[];
  progress: ProgressFrame | null;
  /** the teacher's objective per progress frame: a figure while no student point exists yet */
  teacherCurve: { epoch: number[]; loss: number[] };
  done: DoneFrame | null;
}

export const initResults = (): NoisyResults => ({
  start: null,
  teacher: null,
  checkpoints: [],
  progress: null,
  teacherCurve: { epoch: [], loss: [] },
  done: null,
});

export function reduce(r: NoisyResults, f: NoisyFrame): NoisyResults {
  switch (f.kind) {
    case 'start':
      return { ...initResults(), start: f };
    case 'teacher':
      return { ...r, teacher: f };
    case 'checkpoint':
      return { ...r, checkpoints: [...r.checkpoints, f] };
    case 'progress':
      if (f.phase === 'teacher' && Number.isFinite(f.loss))
        return {
          ...r,
          progress: f,
          teacherCurve: { epoch: [...r.teacherCurve.epoch, f.epoch], loss: [...r.teacherCurve.loss, f.loss] },
        };
      return { ...r, progress: f };
    case 'done':
      return { ...r, done: f, progress: null };
  }
  return r;
}
