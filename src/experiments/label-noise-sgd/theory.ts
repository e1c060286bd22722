import { transientCovariance } from './math/sgdLeastSquaresTheory';
import { makePanelData, panelTheory, type PanelData, type PanelTheory } from './model';
import { beta0 } from './problem';
import { panelsOf, type OlsParams, type PanelSpec } from './params';

export interface PanelModel {
  spec: PanelSpec;
  data: PanelData;
  theory: PanelTheory | { error: string };
}

const modelCache = new WeakMap<OlsParams, PanelModel[]>();

/**
 * Everything exact about the current params, per panel: cheap enough to redo on every slider move, and
 * done once per params object (the panel's figures follow the params at different lags and share it).
 */
export function panelModels(p: OlsParams): PanelModel[] {
  const hit = modelCache.get(p);
  if (hit) return hit;
  const models = panelsOf(p).map((spec) => {
    const data = makePanelData(p.n, p.seed, spec.sigma2, spec.cov);
    return { spec, data, theory: panelTheory(data, p, spec) };
  });
  modelCache.set(p, models);
  return models;
}

/** Step counts where the exact transient is drawn: every step early on, then geometric. */
function transientTimes(maxStep: number): number[] {
  const out: number[] = [];
  for (let t = 1; t <= maxStep; t = t < 64 ? t + 1 : Math.ceil(t * 1.06)) out.push(t);
  if (out[out.length - 1] !== maxStep) out.push(maxStep);
  return out;
}

export function exactTrace(
  m: PanelModel,
  p: OlsParams,
  maxStep: number,
): { t: number[]; trace: number[] } | null {
  if ('error' in m.theory && m.theory.error) return null;
  const times = transientTimes(Math.min(maxStep, 5000));
  const tr = transientCovariance({ X: m.data.X, y: m.data.y }, p.eta, p.batch, beta0, times);
  const t: number[] = [];
  const trace: number[] = [];
  for (const r of tr) {
    const v = r.cov[0] + r.cov[3];
    // A diverging run: stop the curve past where the chains are declared diverged, not at 1e300.
    if (!(v < 1e14)) break;
    t.push(r.time);
    trace.push(v);
  }
  return { t, trace };
}
