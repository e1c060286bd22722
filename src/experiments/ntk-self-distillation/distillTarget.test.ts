import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededNormal } from '../../math/rng';
import {
  alphaRule,
  effectiveLabelFunction,
  float64Ops,
  labelFunction,
  mixTarget,
  tensorOps,
  type AlphaRule,
  type LabelFunction,
  type TargetRule,
} from './distillTarget';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rule = (over: Partial<TargetRule>): TargetRule => ({
  h: 'sign',
  tau: 0.5,
  rho: 0.27,
  alphaRule: 'chance',
  lambda: 1,
  outputs: 1,
  classes: 2,
  iterations: 100,
  ...over,
});

/** The rule on the device (float32) and in float64, row by row, on the same predictions. */
async function bothTargets(r: TargetRule, F: number[][], Y: number[][], acc: number, t: number) {
  const ops = tensorOps(tf);
  const device = tf.tidy(() => {
    const Ft = tf.tensor2d(F);
    const a = alphaRule(ops, r, () => tf.scalar(acc), t);
    return [a, mixTarget(ops, a, tf.tensor2d(Y), labelFunction(ops, r, Ft))];
  });
  const [alphaT, targetT] = (await Promise.all(device.map((x) => x.data()))).map((v) => Array.from(v));
  tf.dispose(device);
  const o = float64Ops;
  const [alpha] = alphaRule(o, r, () => [acc], t);
  const target = F.flatMap((row, i) => mixTarget(o, [alpha], Y[i], labelFunction(o, r, row)));
  return { alphaT: alphaT[0], targetT, alpha, target };
}

describe('Algorithm 1’s target: one definition, on the device and in float64', () => {
  const normal = seededNormal(3);
  const data = (n: number, C: number) => {
    const F = Array.from({ length: n }, () => Array.from({ length: C }, () => 2 * normal()));
    const Y = Array.from({ length: n }, (_, i) =>
      C === 1 ? [i % 3 === 0 ? -1 : 1] : Array.from({ length: C }, (_, c) => (c === i % C ? 1 : 0)),
    );
    return { F, Y };
  };

  for (const C of [1, 10])
    for (const h of ['sign', 'softmax', 'piecewise'] as LabelFunction[])
      for (const a of ['chance', 'paper', 'linear'] as AlphaRule[])
        it(`C = ${C}, h = ${h}, α rule ${a}: agree to float32 rounding`, async () => {
          const { F, Y } = data(40, C);
          const eff = effectiveLabelFunction(h, C);
          const r = rule({ h: eff.h, alphaRule: a, outputs: C, classes: C === 1 ? 2 : C, tau: 0.3 });
          for (const [acc, t] of [
            [0.3, 0],
            [0.75, 10],
            [0.97, 49],
            [1, 80],
          ]) {
            const { alphaT, targetT, alpha, target } = await bothTargets(r, F, Y, acc, t);
            expect(alpha).toBeGreaterThanOrEqual(0);
            expect(alpha).toBeLessThanOrEqual(1);
            expect(alphaT).toBeCloseTo(alpha, 6);
            expect(targetT).toHaveLength(target.length);
            targetT.forEach((v, i) => expect(v).toBeCloseTo(target[i], 5));
          }
        });

  it('the rules’ values: chance-corrected, the paper’s, linear decay; piecewise falls back for C > 1', () => {
    const a = (alphaRuleName: AlphaRule, acc: number, t = 0, classes = 2, lambda = 1) =>
      alphaRule(float64Ops, rule({ alphaRule: alphaRuleName, classes, lambda }), () => [acc], t)[0];
    expect(a('chance', 0.5)).toBe(1); // chance accuracy: keep the labels
    expect(a('chance', 0.75)).toBe(0.5);
    expect(a('chance', 0.55, 0, 10)).toBeCloseTo(0.5, 12);
    expect(a('paper', 0.5)).toBe(0.5); // the trap: half the target is the random start
    expect(a('paper', 0.9, 0, 2, 2)).toBe(0);
    expect(a('linear', 0.9, 25)).toBe(0.5);
    expect(a('linear', 0.9, 60)).toBe(0);
    expect(effectiveLabelFunction('piecewise', 10).h).toBe('sign');
    expect(effectiveLabelFunction('piecewise', 1)).toEqual({ h: 'piecewise', note: null });
    // Theorem 1's h: clip(f/c, −1, 1), c = (1 − 2ρ)/4
    const c = (1 - 2 * 0.27) / 4;
    expect(labelFunction(float64Ops, rule({ h: 'piecewise' }), [c / 2])[0]).toBeCloseTo(0.5, 12);
  });
});
