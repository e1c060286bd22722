import type { KdFrame, NetInputs } from './frames';

type Of<K extends KdFrame['kind']> = Extract<KdFrame, { kind: K }>;

export interface Curves {
  iter: number[];
  train: number[];
  test: number[];
  val: number[];
}

export interface TeacherCurves extends Curves {
  stepsPerSecond: number;
  bestAt: number | null;
}

export interface KdResults {
  setup: Of<'setup'> | null;
  teacher: TeacherCurves;
  theory: Of<'theory'> | null;
  /** per run (setup order) */
  students: Curves[];
  dist: number[];
  studentStepsPerSecond: number;
  done: Of<'done'> | null;
  overlap: Partial<Record<NetInputs, Of<'overlap'>>>;
  /** Fig. 4: the networks on the Nyström embedding (students: no teacher, λ = 0.01) */
  alignment: Of<'alignment'> | null;
  embTeacher: TeacherCurves;
  embStudents: Curves[];
}

const curves = (): Curves => ({ iter: [], train: [], test: [], val: [] });
const teacherCurves = (): TeacherCurves => ({ ...curves(), stepsPerSecond: 0, bestAt: null });

export const initResults = (): KdResults => ({
  setup: null,
  teacher: teacherCurves(),
  theory: null,
  students: [],
  dist: [],
  studentStepsPerSecond: 0,
  done: null,
  overlap: {},
  alignment: null,
  embTeacher: teacherCurves(),
  embStudents: [curves(), curves()],
});

/** Folds a frame in place (curves only grow). */
export function reduce(r: KdResults, f: KdFrame): KdResults {
  switch (f.kind) {
    case 'setup':
      return { ...initResults(), setup: f, students: f.runs.map(curves) };
    case 'teacher': {
      const t = f.net === 'raw' ? r.teacher : r.embTeacher;
      t.iter.push(...f.iter);
      t.train.push(...f.train);
      t.test.push(...f.test);
      t.val.push(...f.val);
      t.stepsPerSecond = f.stepsPerSecond;
      t.bestAt = f.bestAt;
      return r;
    }
    case 'theory':
      return { ...r, theory: f };
    case 'students': {
      const list = f.net === 'raw' ? r.students : r.embStudents;
      list.forEach((s, k) => {
        s.iter.push(...f.iter);
        s.train.push(...f.train.map((row) => row[k]));
        s.test.push(...f.test.map((row) => row[k]));
        s.val.push(...f.val.map((row) => row[k]));
      });
      if (f.net === 'raw') {
        r.dist.push(...f.dist);
        r.studentStepsPerSecond = f.stepsPerSecond;
      }
      return r;
    }
    case 'overlap':
      return { ...r, overlap: { ...r.overlap, [f.net]: f } };
    case 'alignment':
      return { ...r, alignment: f };
    case 'done':
      return { ...r, done: f };
  }
}

/** A curve's test MSE at its checkpoint of lowest validation MSE (early stopping by validation). */
export function atBestVal(c: Curves): { iter: number; test: number } | null {
  if (!c.val.length) return null;
  let k = 0;
  for (let i = 1; i < c.val.length; i++) if (c.val[i] < c.val[k]) k = i;
  return { iter: c.iter[k], test: c.test[k] };
}
