import type { CheckpointFrame, DoneFrame, NoisyFrame, ProgressFrame, StartFrame, TeacherFrame } from './job';

/** What the page keeps of a sweep: every checkpoint (Fig. 3 and eq. 16 over training), the teacher, timing. */
export interface NoisyResults {
  start: StartFrame | null;
  teacher: TeacherFrame | null;
  checkpoints: CheckpointFrame[];
  progress: ProgressFrame | null;
  done: DoneFrame | null;
}

export const initResults = (): NoisyResults => ({
  start: null,
  teacher: null,
  checkpoints: [],
  progress: null,
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
      return { ...r, progress: f };
    case 'done':
      return { ...r, done: f, progress: null };
  }
  return r;
}
