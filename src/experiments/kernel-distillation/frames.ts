/** What the kernel-distillation job sends to the page. */
export type RunId = 'noTeacher' | 'student' | 'lam0' | 'lamInf' | 'live' | 'randomInit' | 'imperfect';

/** The networks on the raw inputs, or on the Nyström embedding of the aligned kernel (Fig. 4, 6). */
export type NetInputs = 'raw' | 'embedded';

export interface RunInfo {
  id: RunId;
  label: string;
  lam: number;
  /** step size η of this run */
  eta: number;
  init: 'teacher' | 'early' | 'random';
  phi: 'teacher' | 'early' | 'none';
}

/** Fig. 5/6: per hidden unit, the mean |⟨φ_k/‖φ_k‖, v_j⟩| over the top eigenvectors v_j of H∞. */
export interface OverlapSet {
  id: string;
  label: string;
  values: number[];
}

export type KdFrame =
  | {
      kind: 'setup';
      n: number;
      d: number;
      nTest: number;
      nVal: number;
      flipped: number;
      gramTop: number;
      runs: RunInfo[];
      /** teacher units the student samples */
      units: number[];
    }
  | {
      kind: 'teacher';
      net: NetInputs;
      iter: number[];
      train: number[];
      test: number[];
      val: number[];
      stepsPerSecond: number;
      /** on the last frame: the checkpoint of lowest validation MSE */
      bestAt: number | null;
    }
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
      net: NetInputs;
      iter: number[];
      /** per checkpoint, per run (in setup.runs order; embedded: noTeacher, student) */
      train: number[][];
      test: number[][];
      val: number[][];
      /** ‖f − f_∞‖/‖f_∞‖ of the live run (raw only) */
      dist: number[];
      stepsPerSecond: number;
    }
  | {
      kind: 'overlap';
      net: NetInputs;
      /** top eigenvalues of H∞ (descending), as many as averaged over */
      eigenvalues: number[];
      sets: OverlapSet[];
    }
  | {
      kind: 'alignment';
      bandwidths: number[];
      /** centred alignment of each Gaussian kernel with yyᵀ, and of the learned combination */
      alignments: number[];
      combined: number;
      /** eq. (18) */
      mu: number[];
      rank: number;
      /** Nyström: the kept eigenvalues of the landmark kernel (rank actually used) */
      kept: number;
    }
  | {
      kind: 'done';
      outputs: number[];
      relErr: number;
      measuredRate: number;
      studentStepsPerSecond: number;
    };
