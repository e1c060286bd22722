import { describe, expect, it } from 'vitest';
import labelNoiseSgd from '../experiments/label-noise-sgd';
import { defaultParams } from '../experiments/label-noise-sgd/params';
import { createLabStore } from './labStore';

const make = () => createLabStore([labelNoiseSgd]);

describe('lab store', () => {
  it('accepts a valid slider value and starts a new run', () => {
    const s = make();
    const key = s.getState().runKey;
    expect(s.getState().setParam('sigma2', 2)).toBe(true);
    expect(s.getState().params.sigma2).toBe(2);
    expect(s.getState().runKey).toBe(key + 1);
  });
  it('refuses out-of-range values with a message and keeps the old value', () => {
    const s = make();
    expect(s.getState().setParam('eta', 50)).toBe(false);
    expect(s.getState().params.eta).toBe(defaultParams.eta);
    expect(s.getState().paramErrors.eta).toMatch(/1/);
    expect(s.getState().setParam('eta', NaN)).toBe(false);
    expect(s.getState().setParam('n', 3)).toBe(false);
    expect(s.getState().paramErrors.n).toMatch(/exceeds N = 3/);
    expect(s.getState().setParam('eta', 0.02)).toBe(true);
    expect(s.getState().paramErrors.eta).toBeUndefined();
  });
  it('refuses a key its schema lacks instead of stripping it and restarting the run', () => {
    const s = make();
    const key = s.getState().runKey;
    const params = s.getState().params;
    // Dev builds and tests throw; production refuses with a message under the key.
    expect(() => s.getState().setParam('sigma', 2)).toThrow(/"sigma" is not a parameter of label-noise-sgd/);
    expect(s.getState().runKey).toBe(key);
    expect(s.getState().params).toBe(params);
  });
  it('view changes do not restart the run', () => {
    const s = make();
    const key = s.getState().runKey;
    s.getState().setParam('view', 'full');
    expect(s.getState().runKey).toBe(key);
  });
  it('round-trips through the URL hash', () => {
    const a = make();
    a.getState().applyPreset('fig1e-h');
    a.getState().setParam('seed', 42);
    a.getState().setBackend('cpu');
    const b = make();
    b.getState().loadHash(a.getState().hash());
    expect(b.getState().params).toEqual(a.getState().params);
    expect(b.getState().backend).toBe('cpu');
    expect(b.getState().notices).toEqual([]);
  });
  it('the landing starts no run; opening an experiment from it does, and the hash follows', () => {
    const s = make();
    s.getState().loadHash('#/');
    expect(s.getState().landing).toBe(true);
    expect(s.getState().hash()).toBe('#/');
    const key = s.getState().runKey;
    s.getState().setExperiment('label-noise-sgd');
    expect(s.getState().landing).toBe(false);
    expect(s.getState().runKey).toBe(key + 1);
    expect(s.getState().hash()).toMatch(/^#\/label-noise-sgd\?/);
    s.getState().showLanding();
    expect(s.getState()).toMatchObject({ landing: true, status: 'idle' });
  });
  it('presentation mode takes only a figure of the experiment, and rides in the link', () => {
    const s = make();
    const fig = s.getState().experimentId === 'label-noise-sgd' ? 'chains-spread' : '';
    s.getState().setPresent('not-a-figure');
    expect(s.getState().present).toBeNull();
    const key = s.getState().runKey;
    s.getState().setPresent(fig);
    expect(s.getState().present).toBe(fig);
    expect(s.getState().runKey).toBe(key); // the run goes on
    s.getState().setHidden(['controls']);
    const b = make();
    b.getState().loadHash(s.getState().hash());
    expect(b.getState()).toMatchObject({ present: fig, hidden: ['controls'], notices: [] });
  });
  it('a tampered URL leaves notices and valid params', () => {
    const s = make();
    s.getState().loadHash('#/label-noise-sgd?chains=-5&iterations=1e12');
    expect(s.getState().notices.length).toBe(2);
    expect(s.getState().params.chains).toBe(defaultParams.chains);
  });
});

describe('lab store with two experiments', () => {
  const two = async () => {
    const { default: hilbertSelfDistillation } = await import('../experiments/hilbert-self-distillation');
    return createLabStore([labelNoiseSgd, hilbertSelfDistillation]);
  };
  it('switches experiment and round-trips the Hilbert state through the URL', async () => {
    const a = await two();
    a.getState().setExperiment('hilbert-self-distillation');
    expect(a.getState().setParam('epsilon', 0.01)).toBe(true);
    expect(a.getState().setParam('data', 'synthetic')).toBe(true);
    expect(a.getState().setParam('endpoints', 'on')).toBe(true);
    const b = await two();
    b.getState().loadHash(a.getState().hash());
    expect(b.getState().experimentId).toBe('hilbert-self-distillation');
    expect(b.getState().params).toEqual(a.getState().params);
  });
  it('exact-only params do not restart the worker; network params do', async () => {
    const s = await two();
    s.getState().setExperiment('hilbert-self-distillation');
    const key = s.getState().runKey;
    s.getState().setParam('epsilon', 0.02);
    s.getState().setParam('alpha', 0.3);
    expect(s.getState().runKey).toBe(key);
    s.getState().setParam('nnHidden', 64);
    expect(s.getState().runKey).toBe(key + 1);
  });
  it('rejects an out-of-range ε with a message', async () => {
    const s = await two();
    s.getState().setExperiment('hilbert-self-distillation');
    expect(s.getState().setParam('epsilon', 5)).toBe(false);
    expect(s.getState().paramErrors.epsilon).toBeTruthy();
  });

  it('rerun (after an engine crash) keeps the results on screen until the new run’s first frame', () => {
    const s = make();
    const before = s.getState().results;
    const key = s.getState().runKey;
    s.getState().rerun();
    expect(s.getState().runKey).toBe(key + 1);
    expect(s.getState().results).toBe(before);
    expect(s.getState().resultsStale).toBe(true);
    // restart() (the user's button) clears them at once.
    s.getState().restart();
    expect(s.getState().results).not.toBe(before);
    expect(s.getState().resultsStale).toBe(false);
  });
  it('engine notices keep the last five', () => {
    const s = make();
    for (let i = 0; i < 8; i++) s.getState().addEngineNotice(`n${i}`);
    expect(s.getState().engineNotices).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
    s.getState().dismissEngineNotices();
    expect(s.getState().engineNotices).toEqual([]);
  });
});
