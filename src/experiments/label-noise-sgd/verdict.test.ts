import { describe, expect, it } from 'vitest';
import { agreeWithin, stationaryVerdict } from './verdict';
import { defaultParams, presets, type OlsParams } from './params';
import { initResults } from './results';
import { panelModels } from './theory';

/** Results whose chains sit at `scale` × the exact stationary variances, at chain step `step`. */
function resultsAt(p: OlsParams, step: number, scale: number) {
  const r = initResults(p);
  panelModels(p).forEach((m, i) => {
    if (!('exact' in m.theory) || !m.theory.exact.stationaryCov) throw new Error('unstable');
    const c = m.theory.exact.stationaryCov;
    r.panels[i].empCov = [c[0][0] * scale, c[1][1] * scale, c[0][1] * scale];
    r.panels[i].chainStep = step;
  });
  return r;
}

const p = defaultParams;

describe('SGD with label noise: the claim’s verdict (Fig. 1)', () => {
  it('is pending before the chains report', () => {
    expect(stationaryVerdict(initResults(p), p)).toEqual({
      state: 'pending',
      text: 'waiting for the chains',
    });
  });

  it('says provisional, with the chain step, while the chains are still spreading out', () => {
    const v = stationaryVerdict(resultsAt(p, 100, 0.4), p);
    expect(v).toEqual({
      state: 'fails',
      text: 'chains’ variance ÷ exact C, worst of 4 panels: 0.400 (outside ±10 %)',
      provisional: `chain step 100 of ${p.chainSteps}`,
    });
  });

  it('is final once every chain has run all its steps, and holds within ±10 %', () => {
    const v = stationaryVerdict(resultsAt(p, p.chainSteps, 1 + agreeWithin / 2), p);
    expect(v).toEqual({
      state: 'holds',
      text: 'chains’ variance ÷ exact C, worst of 4 panels: 1.05 (within ±10 %)',
      provisional: undefined,
    });
  });

  it('judges one panel alone, and the worst of four', () => {
    const single = { ...p, grid: 'single' as const };
    expect(stationaryVerdict(resultsAt(single, 10, 0.95), single).text).toBe(
      'chains’ variance ÷ exact C: 0.950 (within ±10 %)',
    );
    const grid = { ...p, ...presets.find((x) => x.id === 'fig1a-d')!.params };
    const r = resultsAt(grid, grid.chainSteps, 1);
    r.panels[2].empCov![1] *= 1.3;
    expect(stationaryVerdict(r, grid)).toMatchObject({
      state: 'fails',
      text: 'chains’ variance ÷ exact C, worst of 4 panels: 1.30 (outside ±10 %)',
    });
  });

  it('fails, at once, when ρ ≥ 1: no stationary cloud', () => {
    const diverge = { ...p, ...presets.find((x) => x.id === 'diverge')!.params };
    const v = stationaryVerdict(initResults(diverge), diverge);
    expect(v.state).toBe('fails');
    expect(v.text).toMatch(/≥ 1 at η = 0\.12: SGD diverges/);
  });
});
