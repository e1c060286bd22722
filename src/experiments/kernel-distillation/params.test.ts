import { describe, expect, it } from 'vitest';
import { defaultParams, kdParamsSchema, presets } from './params';

const issues = (p: object) => {
  const r = kdParamsSchema.safeParse({ ...defaultParams, ...p });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('kernel-distillation params', () => {
  it('defaults and every preset pass the schema', () => {
    expect(issues({})).toEqual([]);
    for (const pr of presets) expect(issues(pr.params), pr.id).toEqual([]);
    // presets apply over the current params: also over extreme ones
    const extreme = { n: 800, nTest: 1000, nVal: 400, overlapTop: 50, nystromRank: 800 };
    for (const pr of presets) expect(issues({ ...extreme, ...pr.params }), pr.id).toEqual([]);
  });

  it('the new controls say what is wrong instead of running into NaN', () => {
    expect(issues({ overlapTop: 30, n: 20 })).toEqual([
      'overlapTop: H∞ has n = 20 eigenvectors: at most 20 can be averaged over',
    ]);
    expect(issues({ nystromRank: 50, n: 40 })[0]).toMatch(/^nystromRank: .*at most n = 40/);
    expect(issues({ data: 'fashion', n: 780, nVal: 40 })[0]).toMatch(/^nVal: .*≤ 800/);
    expect(issues({ data: 'fashion', nTest: 500 })[0]).toMatch(/^nTest: .*200 test images/);
    expect(issues({ nVal: 0 })[0]).toMatch(/^nVal: /);
    expect(issues({ teacherStop: 'never' })[0]).toMatch(/^teacherStop: /);
    expect(issues({ embed: 'yes' })[0]).toMatch(/^embed: /);
    expect(issues({ nystromRank: Number.NaN })[0]).toMatch(/^nystromRank: /);
  });
});
