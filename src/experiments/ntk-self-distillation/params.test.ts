import { describe, expect, it } from 'vitest';
import ntk from './index';
import { defaultParams, ntkParamsSchema, presets, type NtkParams } from './params';
import { ntkTrainSchema } from './trainParams';

/** The page's params as the experiment job hands them to the training job (experimentJob.ts). */
const toTrain = ({ draws: _draws, ...p }: NtkParams) => ({
  ...p,
  nTest: 512,
  trainSize: p.n,
  testSize: 500,
  spectrumM: Math.min(16, p.n),
});

describe('the NTK schemas: the training job accepts whatever the page does', () => {
  it('at every control’s ends and options, and in every preset', () => {
    const cases: NtkParams[] = presets.map((pr) => ({ ...defaultParams, ...pr.params }));
    for (const c of ntk.controls) {
      if (c.kind === 'number') for (const v of [c.min, c.max]) cases.push({ ...defaultParams, [c.key]: v });
      if (c.kind === 'choice')
        for (const o of c.options) cases.push({ ...defaultParams, [c.key]: o.value } as NtkParams);
    }
    let checked = 0;
    for (const p of cases) {
      if (!ntkParamsSchema.safeParse(p).success) continue; // e.g. topK > n: not a page state
      const r = ntkTrainSchema.safeParse(toTrain(p));
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });
});
