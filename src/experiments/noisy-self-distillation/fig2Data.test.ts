import { describe, expect, it } from 'vitest';
import { fig2Csv, fig2Data } from './fig2Data';
import type { RunSummary } from './summary';

const run = (noise: RunSummary['noise'], level: number, g: number, diverged = 0): RunSummary => ({
  noise,
  level,
  gradNormSq: g,
  gradNormSqSd: 10,
  valAcc: 0.8,
  valAccSd: 0.01,
  testAcc: 0.79,
  testAccSd: 0.02,
  diverged,
});

describe('Fig. 2 as data (JSON rows and CSV)', () => {
  it('one row per run, sweep order, in the documented columns', () => {
    const d = fig2Data(
      [run('gaussian', 0, 1700), run('gaussian', 2, 1200), run('symmetric', 0.5, NaN, 2)],
      2,
      15,
      { valAcc: 0.81, testAcc: 0.8, gradNormSq: 1500 },
      { noise: 'both', lr: 0.01 },
    );
    expect(d.rows.map((r) => [r.noise, r.level, r.seeds])).toEqual([
      ['gaussian', 0, 2],
      ['gaussian', 2, 2],
      ['symmetric', 0.5, 0],
    ]);
    // every seed diverged: no numbers, no NaN
    expect(d.rows[2].gradNormSq).toBeNull();
    expect(d.rows[2].testAccSd).toBeNull();
    const csv = fig2Csv(d).trim().split('\n');
    expect(csv.slice(0, 4)).toEqual([
      '# noise: both',
      '# lr: 0.01',
      '# teacher: valAcc 0.81, testAcc 0.8, gradNormSq 1500',
      '# student epoch 15',
    ]);
    expect(csv[4]).toBe(
      'noise,level,gradNormSq,gradNormSqSd,valAcc,valAccSd,testAcc,testAccSd,seeds,diverged,epoch',
    );
    expect(csv[5]).toBe('gaussian,0,1700,10,0.8,0.01,0.79,0.02,2,0,15');
    expect(csv[7]).toBe('symmetric,0.5,,,0.8,,0.79,,0,2,15');
    expect(csv.join('\n')).not.toMatch(/NaN|undefined/);
  });

  it('one seed: no sd columns (an sd over one seed is not a spread)', () => {
    const d = fig2Data([run('gaussian', 0, 1700)], 1, 3, null, {});
    expect(d.rows[0].gradNormSqSd).toBeNull();
    expect(fig2Csv(d).trim().split('\n').at(-1)).toBe('gaussian,0,1700,,0.8,,0.79,,1,0,3');
  });
});
