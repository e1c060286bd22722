import { sci } from '../../ui/format';
import type {
  ConvergenceMeta,
  FashionFrame,
  KappaFrame,
  LinearFrame,
  MonotonicityFrame,
  RiskVsNFrame,
  TrajectorySample,
} from './frames';

/** Everything the panel draws from the worker: one slot per figure, replaced or extended by frames. */
export interface LinearResults {
  convergence: {
    meta: ConvergenceMeta | null;
    shallow: TrajectorySample[];
    deep: TrajectorySample[];
    done: boolean;
    ms: number;
  };
  kappa: KappaFrame | null;
  riskVsN: RiskVsNFrame | null;
  monotonicity: MonotonicityFrame | null;
  fashion: FashionFrame | null;
}

export function initResults(): LinearResults {
  return {
    convergence: { meta: null, shallow: [], deep: [], done: false, ms: 0 },
    kappa: null,
    riskVsN: null,
    monotonicity: null,
    fashion: null,
  };
}

/** New arrays and objects for what changed, so each figure's memo sees exactly its own updates. */
export function reduce(r: LinearResults, f: LinearFrame): LinearResults {
  switch (f.kind) {
    case 'convergence': {
      const c = r.convergence;
      if (f.part === 'meta') r.convergence = { meta: f.meta, shallow: [], deep: [], done: false, ms: 0 };
      else if (f.part === 'trajectory')
        r.convergence = { ...c, [f.learner]: [...c[f.learner], ...f.samples] };
      else r.convergence = { ...c, done: true, ms: f.ms };
      return r;
    }
    case 'kappa':
      r.kappa = f;
      return r;
    case 'riskVsN':
      r.riskVsN = f;
      return r;
    case 'monotonicity':
      r.monotonicity = f;
      return r;
    case 'fashion':
      r.fashion = f;
      return r;
  }
  return r;
}

/** The status line's text: which figure the worker is on. */
export function rate(r: LinearResults): string {
  const m = r.monotonicity;
  if (m && m.learners) return `Fig. 5: ${sci(m.setsPerSecond)} transfer sets/s (${m.backend})`;
  if (m) return `Fig. 5: step ${m.stepsDone} of ${m.steps} (${m.sets} sets × 4 students)`;
  return '';
}
