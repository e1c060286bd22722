/**
 * The fused WGSL step (models/twoLayerWgsl.ts with distillTargetWgsl.ts) against the tfjs-ops step, on a
 * real WebGPU implementation (Dawn; SwiftShader on CPU-only machines), in a child process
 * (fusedStep.gpu-check.ts): every h, every α rule, binary and 10-class. Set LAB_SKIP_GPU=1 to skip
 * where no WebGPU adapter can exist.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGpuOk, runGpuChild, skipGpu } from '../../../tests/tools/gpuChild';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fusedStep.gpu-check.ts');

interface CaseResult {
  name: string;
  kernels: string[];
  frames: number[];
  maxRelLossDiff: number;
  maxTestAccuracyDiff: number;
}

describe('NTK training: fused WGSL step = tfjs-ops step (Dawn/SwiftShader)', () => {
  it.skipIf(skipGpu)(
    'gives the same losses (relative 1e-4) and test accuracies for every target rule',
    async () => {
      const res = await runGpuChild(script, 400_000);
      expectGpuOk(res);
      expect(res.leakedTensors).toBe(0);
      const cases = res.results as CaseResult[];
      expect(cases.length).toBe(5);
      for (const c of cases) {
        expect(c.kernels, c.name).toEqual(['tfjs-ops', 'fused-wgsl']);
        expect(c.frames[0], c.name).toBe(c.frames[1]);
        expect(c.frames[0], c.name).toBeGreaterThanOrEqual(3);
        expect(c.maxRelLossDiff, c.name).toBeLessThan(1e-4);
        // one test point of 20 may fall on the other side of the boundary
        expect(c.maxTestAccuracyDiff, c.name).toBeLessThanOrEqual(0.05);
      }
    },
    420_000,
  );
});
