import { describe, expect, it } from 'vitest';
import { runLab } from '../../cli/runLab';
import type { SelfDistillOutput } from './selfDistillCommand';

/** `lab self-distill` in-process: input validation (the command's schema), then the run. */
const opts = { experimentsDir: 'src/experiments', publicDir: 'public' };
async function selfDistillCommand(input: unknown): Promise<SelfDistillOutput> {
  const r = await runLab(['self-distill'], JSON.stringify(input), opts);
  if (r.code !== 0) throw new Error(r.stderr.trim());
  return JSON.parse(r.stdout) as SelfDistillOutput;
}

describe('selfDistillCommand (NTK self-distillation, headless, tfjs-wasm)', () => {
  it('fills defaults; normal GD memorises flipped labels, Algorithm 1 keeps to the clean ones', async () => {
    // Defaults fill everything else (d 32, radius 0.3, rho 0.27, alphaRule 'chance', λ 1, h 'sign',
    // η = 1/λ_max, seed 1). Deterministic on tfjs-wasm; measured: 22.7% of the labels flipped; normal GD
    // clean-label accuracy 0.930, accuracy on the noisy labels 0.844, ℓ2 to clean 0.552; self-distillation
    // 1.000, 0.773 (= 1 − flipped: it fits none of the flips), 0.270; final α 0.453.
    const out = await selfDistillCommand({ n: 128, clusters: 4, width: 256, iterations: 150, nTest: 128 });
    expect(Object.keys(out).sort()).toEqual(
      ['backend', 'eta', 'flippedFraction', 'iterations', 'lambdaMax', 'normal', 'selfDistill'].sort(),
    );
    // tfjs's fastest CPU backend in Node: wasm where it starts
    expect(out.backend).toBe('wasm');
    expect(out.iterations).toBe(150);
    expect(out.eta).toBeCloseTo(1 / out.lambdaMax, 12);
    // ρ = 0.27 on 128 labels: the flipped share is within ±3.5 binomial sd (0.039) of ρ
    expect(Math.abs(out.flippedFraction - 0.27)).toBeLessThan(3.5 * Math.sqrt((0.27 * 0.73) / 128));
    const clean = 1 - out.flippedFraction; // accuracy on the noisy labels of a perfect clean classifier
    const { normal, selfDistill: sd } = out;
    // Normal GD fits flipped labels (Dong et al.: the noise lives in the small NTK eigenspaces, fitted
    // last): its noisy-label accuracy exceeds that of the clean classifier by ≥ 0.04 (5 labels; measured
    // 0.07), and its clean-label accuracy falls below 1 by ≥ 0.04 (measured 0.93).
    expect(normal.trainAccuracy).toBeGreaterThan(clean + 0.04);
    expect(normal.cleanAccuracy).toBeLessThan(0.96);
    // Algorithm 1 does not: at most 1 flipped label fitted, clean accuracy ≥ 0.98 and ≥ normal + 0.04,
    // and half the ℓ2 distance to the clean labels (≤ 0.6× normal's; measured 0.49×).
    expect(sd.trainAccuracy).toBeLessThanOrEqual(clean + 1 / 128 + 1e-12);
    expect(sd.cleanAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(sd.cleanAccuracy).toBeGreaterThanOrEqual(normal.cleanAccuracy + 0.04);
    expect(sd.l2ToClean).toBeLessThan(0.6 * normal.l2ToClean);
    // The chance-corrected rule on two classes, 1 − α = λ·max(0, (acc − ½)/½), at its last noisy-label
    // accuracy (λ = 1), to float32 rounding.
    expect(sd.alpha).toBeCloseTo(1 - Math.max(0, (sd.trainAccuracy - 0.5) / 0.5), 5);
    // JSON-safe: what the CLI prints
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('reads Fashion-MNIST from public/data and learns it above chance', async () => {
    const out = await selfDistillCommand({
      data: 'fashion',
      trainSize: 100,
      testSize: 200,
      width: 64,
      iterations: 15,
      spectrumM: 2,
      p: 0,
    });
    expect(out.iterations).toBe(15);
    // p = 0: the given labels are the clean ones, so the two training-set accuracies agree exactly
    expect(out.flippedFraction).toBe(0);
    for (const r of [out.normal, out.selfDistill]) expect(r.trainAccuracy).toBe(r.cleanAccuracy);
    // 10 classes, chance 0.1; measured 0.315 (normal) and 0.30 (self-distillation) after 15 steps.
    // > 0.2 is 5 binomial sd (0.021 on 200 test images) above chance.
    expect(out.normal.testAccuracy).toBeGreaterThan(0.2);
    expect(out.selfDistill.testAccuracy).toBeGreaterThan(0.2);
  });

  it('rejects invalid input with one line before training', async () => {
    await expect(selfDistillCommand({ width: 101 })).rejects.toThrow(
      /^lab: invalid input: width: width 101 must be even/,
    );
    // A range error names the range (not "must be a number", as zod 4's schema-level message once said).
    await expect(selfDistillCommand({ width: 7 })).rejects.toThrow(/^lab: invalid input: width: .*>=16/);
    await expect(selfDistillCommand({ alphaRule: 'x' })).rejects.toThrow(
      /^lab: invalid input: alphaRule: must be 'paper', 'chance' or 'linear'/,
    );
    await expect(selfDistillCommand([1])).rejects.toThrow(/^lab: invalid input: \(root\): .*expected object/);
  });
});
