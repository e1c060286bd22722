import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { loadBackend, perJobCandidates, probePlan } from './backends';
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

describe('which backends the automatic choice starts', () => {
  const all = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
  it('on a machine without a GPU (software adapter and renderer) only wasm is started', () => {
    const plan = probePlan(
      all,
      { description: 'google swiftshader', isFallbackAdapter: true },
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
    );
    expect(plan.probe).toEqual(['wasm']);
    expect(plan.skipped.map((x) => x.name)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(plan.skipped[1].note).toMatch(/software renderer/);
  });
  it('a hardware WebGL renderer is timed against wasm', () => {
    const plan = probePlan(all, null, 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)');
    expect(plan.probe).toEqual(['webgl', 'wasm']);
    expect(plan.skipped).toEqual([
      { name: 'webgpu', note: 'no adapter' },
      { name: 'cpu', note: 'wasm is faster' },
    ]);
  });
  it('cpu is started when wasm is not registered', () => {
    expect(probePlan(['webgl', 'cpu'], null, null).probe).toEqual(['cpu']);
  });
});

describe('backends load on demand', () => {
  it('imports a backend the first time it is asked for, and says false for one with no loader', async () => {
    // This file imports tfjs-core only: no backend is registered until one is loaded.
    expect(tf.findBackendFactory('cpu')).toBeNull();
    const twice = [loadBackend('cpu'), loadBackend('cpu')];
    expect(await Promise.all(twice)).toEqual([true, true]);
    expect(tf.findBackendFactory('cpu')).not.toBeNull();
    // wasm is the worker entry's static import, never loaded here
    expect(await loadBackend('wasm')).toBe(false);
  });
});
