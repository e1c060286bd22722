import { describe, expect, it } from 'vitest';
import { runLab } from '../../cli/runLab';
import type { NoisyDistillOutput } from './command';
import { defaultParams, jobParams, pageSchema, runsOf } from './params';

const opts = { experimentsDir: 'src/experiments', publicDir: 'public' };
async function lab(input: unknown): Promise<NoisyDistillOutput> {
  const r = await runLab(['noisy-distill'], JSON.stringify(input), opts);
  if (r.code !== 0) throw new Error(r.stderr.trim());
  return JSON.parse(r.stdout) as NoisyDistillOutput;
}

describe('lab noisy-distill', () => {
  it('refuses unknown keys and bad values with one line, before training', async () => {
    await expect(lab({ sigma: 1 })).rejects.toThrow(/unknown key "sigma"/);
    await expect(lab({ noise: 'uniform' })).rejects.toThrow(/noise: must be 'gaussian' or 'symmetric'/);
    await expect(lab({ noise: 'symmetric', levels: [0, 1.5] })).rejects.toThrow(/levels: a swap probability/);
    await expect(lab({ hidden: 8 })).rejects.toThrow(/hidden/);
  });

  it('runs a tiny symmetric sweep and prints the documented keys', async () => {
    const out = await lab({
      noise: 'symmetric',
      levels: [0, 0.5],
      seeds: 1,
      hidden: 16,
      epochs: 1,
      teacherEpochs: 1,
      trainSize: 200,
      testSize: 100,
    });
    expect(Object.keys(out.teacher).sort()).toEqual(['gradNormSq', 'testAcc', 'valAcc']);
    expect(out.results.map((r) => r.level)).toEqual([0, 0.5]);
    for (const r of out.results) {
      expect(Object.keys(r).sort()).toEqual([
        'diverged',
        'gradNormSq',
        'gradNormSqSd',
        'level',
        'testAcc',
        'valAcc',
      ]);
      expect(r.gradNormSq).toBeGreaterThan(0);
      expect(r.gradNormSqSd).toBe(0); // one seed
    }
    expect([0, 0.5]).toContain(out.selectedByValidation?.level);
  });
});

describe('page params', () => {
  it('defaults validate and expand to the baseline plus each kind’s levels', () => {
    expect(pageSchema.safeParse(defaultParams).success).toBe(true);
    expect(runsOf(defaultParams)).toEqual([0, 0.5, 2, 8].map((level) => ({ noise: 'gaussian', level })));
    const both = runsOf({ ...defaultParams, noise: 'both', levels: 1, sigma2: 2, p: 0.3 });
    expect(both).toEqual([
      { noise: 'gaussian', level: 0 },
      { noise: 'gaussian', level: 2 },
      { noise: 'symmetric', level: 0.3 },
    ]);
    expect(jobParams(defaultParams)).not.toHaveProperty('sigma2');
    expect(pageSchema.safeParse({ ...defaultParams, sigma2: 0 }).success).toBe(false);
  });
});
