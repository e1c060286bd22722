import { describe, expect, it } from 'vitest';
import { experiments } from '.';
import { claimProblems, collectExperiments } from './registry';

/** Every experiment opens with its claim ("look here first"), which the registry checks at start-up. */
describe('every experiment’s claim line', () => {
  it.each(experiments.map((e) => [e.id, e] as const))(
    '%s: has a claim the registry accepts',
    async (_, e) => {
      expect(e.claim).toBeDefined();
      expect(claimProblems(e)).toEqual([]);
      // a pending or provisional verdict on a fresh run, never a final one
      const v = await e.claim!.verdict(e.initResults(e.defaults), e.defaults);
      expect(v.state === 'pending' || v.provisional !== undefined, `${e.id}: ${JSON.stringify(v)}`).toBe(
        e.id === 'hilbert-self-distillation' ? false : true, // exact: final before any run
      );
    },
  );

  it('refuses a linked term marked in the TeX without a colour, or listed but not marked', () => {
    const e = experiments.find((x) => x.id === 'hilbert-self-distillation')!;
    const terms = { y: e.claim!.terms!.y, z: { color: '#000', label: 'z' } };
    expect(claimProblems({ ...e, claim: { ...e.claim!, terms } })).toEqual([
      'claim: term "eps" is marked in tex but not in terms',
      'claim: term "z" has no \\htmlData{term=z} in tex',
    ]);
  });

  it('refuses a claim naming an unknown figure or preset', () => {
    const e = experiments.find((x) => x.id === 'kernel-distillation')!;
    const bad = { ...e, claim: { ...e.claim!, figure: 'nope', presetHint: { preset: 'nah', text: 'x' } } };
    expect(claimProblems(bad)).toEqual([
      'claim: figure "nope" is not one of its figures',
      'claim: preset "nah" does not exist',
    ]);
    // … at start-up, like a tour
    expect(() => collectExperiments({ './kernel-distillation/index.ts': { default: bad } })).toThrow(
      'kernel-distillation: claim: figure "nope" is not one of its figures; claim: preset "nah" does not exist',
    );
  });
});
