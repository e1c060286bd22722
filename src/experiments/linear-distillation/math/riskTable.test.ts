import { describe, expect, it } from 'vitest';
import { riskAtAngle, type AngularTask } from './angularTasks';
import { riskTable } from './riskTable';

describe('the tabulated risk', () => {
  it('stays within 1e-3·R + 1e-9 of the quadrature over φ ∈ (0, π), log- and evenly spaced', () => {
    const cases: [AngularTask, number][] = [
      [{ kind: 'kappa', kappa: 1 }, 100],
      [{ kind: 'kappa', kappa: 0.25 }, 1000],
      [{ kind: 'margin', kappa: 3, margin: 0.5 }, 1000],
      [{ kind: 'kappa', kappa: 2 }, 3],
    ];
    for (const [t, d] of cases) {
      const tab = riskTable(t, d);
      const phis = [
        ...Array.from({ length: 25 }, (_, i) => 1e-6 * Math.pow(1.5e6, i / 24)),
        ...Array.from({ length: 25 }, (_, i) => 0.05 + (3.0 * i) / 24),
      ];
      for (const phi of phis) {
        const r = riskAtAngle(t, phi, d);
        expect(Math.abs(tab(phi) - r), `${JSON.stringify(t)} d=${d} φ=${phi}`).toBeLessThanOrEqual(
          1e-3 * r + 1e-9,
        );
      }
    }
  });
});
