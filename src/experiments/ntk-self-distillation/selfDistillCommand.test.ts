import { ZodError } from 'zod';
import { describe, expect, it } from 'vitest';
import { selfDistillCommand } from './selfDistillCommand';

describe('selfDistillCommand (NTK self-distillation, headless, tfjs cpu)', () => {
  it('fills defaults, trains both runs and reports clean-label metrics', async () => {
    // Defaults fill everything else (d 32, radius 0.3, rho 0.27, alphaRule 'chance', h 'sign', …).
    const out = await selfDistillCommand({ n: 128, clusters: 4, width: 256, iterations: 60, nTest: 128 });
    expect(Object.keys(out).sort()).toEqual(
      ['eta', 'flippedFraction', 'iterations', 'lambdaMax', 'normal', 'selfDistill'].sort(),
    );
    expect(out.iterations).toBe(60);
    expect(out.eta).toBeCloseTo(1 / out.lambdaMax, 12);
    expect(out.flippedFraction).toBeGreaterThan(0.1);
    expect(out.flippedFraction).toBeLessThan(0.45);
    for (const r of [out.normal, out.selfDistill]) {
      for (const a of [r.cleanAccuracy, r.testAccuracy, r.trainAccuracy]) {
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
      }
      expect(r.l2ToClean).toBeGreaterThan(0);
      // four clusters with a clear majority label: both runs are far above chance by now
      expect(r.cleanAccuracy).toBeGreaterThan(0.7);
    }
    expect(out.selfDistill.alpha).toBeGreaterThanOrEqual(0);
    expect(out.selfDistill.alpha).toBeLessThanOrEqual(1);
    // JSON-safe: what the CLI prints
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('reads Fashion-MNIST from public/data', async () => {
    const out = await selfDistillCommand({
      data: 'fashion',
      trainSize: 40,
      testSize: 40,
      width: 32,
      iterations: 3,
      spectrumM: 2,
    });
    expect(out.iterations).toBe(3);
    expect(out.normal.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(out.normal.testAccuracy).toBeLessThanOrEqual(1);
  });

  it('rejects invalid input with the ZodError before training', async () => {
    await expect(selfDistillCommand({ width: 7 })).rejects.toThrow(ZodError);
    await expect(selfDistillCommand({ width: 7 })).rejects.toThrow(/width 7 must be even/);
    await expect(selfDistillCommand({ alphaRule: 'x' })).rejects.toThrow(/alphaRule/);
    await expect(selfDistillCommand([1])).rejects.toThrow(/must be a JSON object/);
  });
});
