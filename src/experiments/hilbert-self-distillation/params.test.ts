import { describe, expect, it } from 'vitest';
import hilbert from './index';
import { nnParamsSchema } from './nnParams';
import { defaultParams, hilbertParamsSchema, nnJobParams, presets, type HilbertParams } from './params';

describe('the Hilbert schemas: the network job accepts whatever the page does', () => {
  it('at every control’s ends and options, and in every preset', () => {
    const cases: HilbertParams[] = presets.map((pr) => ({ ...defaultParams, ...pr.params }));
    for (const c of hilbert.controls) {
      if (c.kind === 'number') for (const v of [c.min, c.max]) cases.push({ ...defaultParams, [c.key]: v });
      if (c.kind === 'choice')
        for (const o of c.options) cases.push({ ...defaultParams, [c.key]: o.value } as HilbertParams);
    }
    for (const p of cases) {
      expect(hilbertParamsSchema.safeParse(p).success).toBe(true);
      const r = nnParamsSchema.safeParse(nnJobParams(p));
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    }
  });
});
