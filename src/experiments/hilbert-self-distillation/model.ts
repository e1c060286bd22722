import seedrandom from 'seedrandom';
import { fitCurves, InfeasibleError, selfDistill, type HilbertRun } from './math/hilbertSelfDistillation';
import { gaussian } from '../../math/rng';
import { splineGreen } from './math/splineGreen';
import { targetFunctions, type HilbertParams } from './params';

/**
 * The paper's training data on the 9 interior points x = 0.1 … 0.9 (the same values appear in a
 * later notebook by the authors). The endpoint values are not published, and at x = 0 and 1 the
 * Green's function vanishes anyway, so the paper's own 11-point example is infeasible at ε = 0.04.
 */
const paperData = {
  x: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  y: [1.2334, 1.33232, 0.69202, -0.29756, -0.24189, -0.79645, -0.96165, -0.49673, -0.34691],
};

interface Dataset {
  x: number[];
  y: number[];
  target: ((x: number) => number) | null;
}

/**
 * The params the exact solve reads. Everything else (round, greenT, barScale, the nn* keys) is view-only
 * or the worker's, so the panel can memoise the solve on exactly these.
 */
export type ExactParams = Pick<
  HilbertParams,
  'epsilon' | 'data' | 'target' | 'points' | 'noise' | 'endpoints' | 'alpha' | 'maxRounds' | 'seed'
>;

function makeData(p: ExactParams): Dataset {
  if (p.data === 'paper') return { x: paperData.x, y: paperData.y, target: targetFunctions['sin(2πx)'] };
  const f = targetFunctions[p.target];
  const rng = seedrandom.alea(`hilbert:${p.seed}`);
  const K = p.points;
  // Evenly spaced on [0, 1] with the endpoints, or on the interior only.
  const x = Array.from({ length: K }, (_, i) => (p.endpoints === 'on' ? i / (K - 1) : (i + 1) / (K + 1)));
  const y = x.map((xi) => f(xi) + gaussian(rng, p.noise));
  return { x, y, target: f };
}

export const grid = Array.from({ length: 241 }, (_, i) => i / 240);

export type HilbertModel =
  | { ok: true; data: Dataset; run: HilbertRun; curves: number[][] }
  | { ok: false; data: Dataset; infeasible: InfeasibleError | null; message: string };

/**
 * The last few models, by their params: the panel and its schematic draw the same model, and a drag
 * back and forth meets the same values again. Models are not mutated by their readers.
 */
const recent = new Map<string, HilbertModel>();

export function hilbertModel(p: ExactParams): HilbertModel {
  const key = JSON.stringify([
    p.epsilon,
    p.data,
    p.target,
    p.points,
    p.noise,
    p.endpoints,
    p.alpha,
    p.maxRounds,
    p.seed,
  ]);
  let m = recent.get(key);
  if (!m) {
    m = solveModel(p);
    recent.set(key, m);
    if (recent.size > 4) recent.delete(recent.keys().next().value!);
  }
  return m;
}

function solveModel(p: ExactParams): HilbertModel {
  const data = makeData(p);
  try {
    const run = selfDistill({
      x: data.x,
      y: data.y,
      epsilon: p.epsilon,
      alpha: p.alpha,
      rounds: p.alpha > 0 ? p.maxRounds : 200,
    });
    return { ok: true, data, run, curves: fitCurves(run, data.x, grid) };
  } catch (e) {
    if (e instanceof InfeasibleError) return { ok: false, data, infeasible: e, message: e.message };
    return { ok: false, data, infeasible: null, message: e instanceof Error ? e.message : String(e) };
  }
}

export function greenCurve(t: number): number[] {
  return grid.map((x) => splineGreen(x, t));
}
