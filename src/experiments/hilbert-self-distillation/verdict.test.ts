import { describe, expect, it } from 'vitest';
import { collapseVerdict } from './verdict';
import { defaultParams, presets } from './params';
import { initResults } from './results';

const p = defaultParams; // the paper's 9 interior points, ε = 0.04
const withPreset = (id: string) => ({ ...p, ...presets.find((x) => x.id === id)!.params });

describe('Hilbert self-distillation: the claim’s verdict (Prop. 4)', () => {
  it('is exact, so final before any run: the paper’s data collapse at round 4, above a vacuous t̲', () => {
    const v = collapseVerdict(initResults(), p);
    expect(v.state).toBe('holds');
    expect(v.provisional).toBeUndefined();
    expect(v.text).toMatch(
      /^collapses at round 4; Prop\. 4 guarantees t̲ = .* round\(s\) \(κ = .*\): true, but vacuous$/,
    );
  });

  it('fails when the rounds never collapse (label mixing, beyond the paper)', () => {
    const v = collapseVerdict(initResults(), { ...p, alpha: 0.3, maxRounds: 10 });
    expect(v).toEqual({
      state: 'fails',
      text: 'no collapse in 10 rounds (label mixing α = 0.3, beyond the paper)',
    });
  });

  it('is pending, with the reason, when the constrained problem is infeasible', () => {
    const v = collapseVerdict(initResults(), withPreset('endpoints'));
    expect(v.state).toBe('pending');
    expect(v.text).toMatch(/^no round to compare: /);
  });
});
