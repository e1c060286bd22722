/** What the kernel-distillation job sends to the page. */
export type RunId = 'noTeacher' | 'student' | 'lam0' | 'lamInf' | 'live' | 'randomInit' | 'imperfect';

export interface RunInfo {
  id: RunId;
  label: string;
  lam: number;
  /** step size η of this run */
  eta: number;
  init: 'teacher' | 'early' | 'random';
  phi: 'teacher' | 'early' | 'none';
}

export type KdFrame =
  | {
      kind: 'setup';
      n: number;
      d: number;
      nTest: number;
      flipped: number;
      gramTop: number;
      runs: RunInfo[];
      /** teacher units the student samples */
      units: number[];
    }
  | { kind: 'teacher'; iter: number[]; train: number[]; test: number[]; stepsPerSecond: number }
  | {
      kind: 'theory';
      fInf: number[];
      y: number[];
      poles: number[] | null;
      polesMs: number;
      slowestPole: number;
      zeroPoles: number;
      lam: number;
      theorem1Applies: boolean;
    }
  | {
      kind: 'students';
      iter: number[];
      /** per checkpoint, per run (in setup.runs order) */
      train: number[][];
      test: number[][];
      /** ‖f − f_∞‖/‖f_∞‖ of the live run */
      dist: number[];
      stepsPerSecond: number;
    }
  | {
      kind: 'done';
      outputs: number[];
      relErr: number;
      measuredRate: number;
      studentStepsPerSecond: number;
    };
