import type { KdFrame } from './frames';

type Of<K extends KdFrame['kind']> = Extract<KdFrame, { kind: K }>;

interface Curves {
  iter: number[];
  train: number[];
  test: number[];
}

export interface KdResults {
  setup: Of<'setup'> | null;
  teacher: Curves & { stepsPerSecond: number };
  theory: Of<'theory'> | null;
  /** per run (setup order) */
  students: Curves[];
  dist: number[];
  studentStepsPerSecond: number;
  done: Of<'done'> | null;
}

export const initResults = (): KdResults => ({
  setup: null,
  teacher: { iter: [], train: [], test: [], stepsPerSecond: 0 },
  theory: null,
  students: [],
  dist: [],
  studentStepsPerSecond: 0,
  done: null,
});

/** Folds a frame in place (curves only grow). */
export function reduce(r: KdResults, f: KdFrame): KdResults {
  switch (f.kind) {
    case 'setup':
      return { ...initResults(), setup: f, students: f.runs.map(() => ({ iter: [], train: [], test: [] })) };
    case 'teacher':
      r.teacher.iter.push(...f.iter);
      r.teacher.train.push(...f.train);
      r.teacher.test.push(...f.test);
      r.teacher.stepsPerSecond = f.stepsPerSecond;
      return r;
    case 'theory':
      return { ...r, theory: f };
    case 'students':
      r.students.forEach((s, k) => {
        s.iter.push(...f.iter);
        s.train.push(...f.train.map((row) => row[k]));
        s.test.push(...f.test.map((row) => row[k]));
      });
      r.dist.push(...f.dist);
      r.studentStepsPerSecond = f.stepsPerSecond;
      return r;
    case 'done':
      return { ...r, done: f };
  }
}
