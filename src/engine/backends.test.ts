import { describe, expect, it } from 'vitest';
import { perJobCandidates } from './backends';
import type { BackendReport } from './protocol';

const report = (over: Partial<BackendReport>): BackendReport => ({
  active: 'wasm',
  requested: 'auto',
  reason: '',
  adapter: null,
  probes: [],
  ...over,
});

describe('backends worth a job’s own probe', () => {
  it('a hardware GPU taken outright: webgpu and wasm', () => {
    expect(
      perJobCandidates(
        report({ active: 'webgpu', adapter: { description: 'NVIDIA', isFallbackAdapter: false } }),
      ),
    ).toEqual(['webgpu', 'wasm']);
  });
  it('no hardware GPU (software adapter or none): the general probe has decided, no per-job probe', () => {
    expect(
      perJobCandidates(report({ adapter: { description: 'SwiftShader', isFallbackAdapter: true } })),
    ).toEqual([]);
    expect(perJobCandidates(report({}))).toEqual([]);
  });
  it('a backend chosen by hand is never second-guessed', () => {
    expect(
      perJobCandidates(
        report({
          requested: 'webgpu',
          active: 'webgpu',
          adapter: { description: 'x', isFallbackAdapter: false },
        }),
      ),
    ).toEqual([]);
  });
});
