import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { experiments } from '.';
import { barHeight, HilbertSchematic, roundWindow } from './hilbert-self-distillation/Schematic';
import { defaultParams as hilbert } from './hilbert-self-distillation/params';
import { KdSchematicView } from './kernel-distillation/Schematic';
import { defaultParams as kd } from './kernel-distillation/params';
import { LinearSchematicView } from './linear-distillation/Schematic';
import { defaultParams as linear } from './linear-distillation/params';
import { noiseLevels, NoisySchematicView } from './noisy-self-distillation/Schematic';
import { defaultParams as noisy } from './noisy-self-distillation/params';
import { NtkSchematicView } from './ntk-self-distillation/Schematic';
import { defaultParams as ntk } from './ntk-self-distillation/params';
import type { NtkResults } from './ntk-self-distillation/results';

/**
 * The papers' schematics draw the live params: each test renders one with a value, then another, and
 * finds each value in the drawing and in its accessible name.
 */

const html = (el: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(el);
const aria = (h: string) => /aria-label="([^"]*)"/.exec(h)?.[1].replace(/&#x27;|&#39;/g, "'") ?? '';

describe('teacher → student schematics carry the live parameter', () => {
  it('kernel distillation: λ on the teacher → student arrow', () => {
    const a = html(createElement(KdSchematicView, { params: { ...kd, lambda: 0.01 } }));
    const b = html(createElement(KdSchematicView, { params: { ...kd, lambda: 3 } }));
    expect(a).toContain('weight λ = 0.01</tspan>');
    expect(aria(a)).toContain('weight λ = 0.01');
    expect(b).toContain('weight λ = 3</tspan>');
    expect(aria(b)).toContain('weight λ = 3');
    expect(b).not.toContain('λ = 0.01');
    expect(a).toMatch(/role="img"/);
  });

  it('linear distillation: κ, or the margin, on the data arrow', () => {
    const a = html(createElement(LinearSchematicView, { params: { ...linear, kappa: 1 } }));
    const b = html(createElement(LinearSchematicView, { params: { ...linear, kappa: 2.5 } }));
    const m = html(createElement(LinearSchematicView, { params: { ...linear, task: 'margin', margin: 20 } }));
    expect(a).toContain('κ = 1</tspan>');
    expect(b).toContain('κ = 2.5</tspan>');
    expect(b).not.toContain('κ = 1<');
    expect(aria(b)).toContain('κ = 2.5');
    expect(m).toContain('margin 20°</tspan>');
    // the student's limit follows n and d
    expect(html(createElement(LinearSchematicView, { params: { ...linear, n: 100, d: 50 } }))).toContain(
      'n ≥ d: ŵ = w*',
    );
  });

  it('noisy self-distillation: the sweep’s σ² or p levels on the targets arrow', () => {
    const a = html(createElement(NoisySchematicView, { params: { ...noisy, sigma2: 8, levels: 3 } }));
    const b = html(createElement(NoisySchematicView, { params: { ...noisy, sigma2: 4, levels: 2 } }));
    const s = html(createElement(NoisySchematicView, { params: { ...noisy, noise: 'symmetric', p: 0.5 } }));
    expect(a).toContain('σ² = 0.5, 2, 8</tspan>');
    expect(aria(a)).toContain('σ² = 0.5, 2, 8');
    expect(b).toContain('σ² = 1, 4</tspan>');
    expect(b).not.toContain('σ² = 0.5');
    expect(s).toContain('p = 0.17, 0.33, 0.5</tspan>');
    expect(s).not.toContain('σ² =');
    expect(noiseLevels({ ...noisy, noise: 'both', sigma2: 2, p: 0.3, levels: 1 })).toEqual([
      'σ² = 2',
      'p = 0.3',
    ]);
  });
});

describe('Dong et al. Fig. 3: Algorithm 1’s box holds the page’s step', () => {
  it('shows h, λ and the α rule as set, and the live α_t once the run reports it', () => {
    const a = html(createElement(NtkSchematicView, { params: ntk }));
    expect(a).toContain('h = sign');
    expect(a).toContain('λ = 1, chance-corrected α');
    expect(a).toContain('α_t follows the accuracy');
    const results = {
      metrics: [{ iteration: 300, selfDistill: { alpha: 0.4213 } }],
    } as unknown as NtkResults;
    const b = html(
      createElement(NtkSchematicView, {
        params: { ...ntk, h: 'softmax', tau: 0.25, lambda: 0.5, alphaRule: 'paper' },
        results,
      }),
    );
    expect(b).toContain('h = softmax, τ = 0.25');
    expect(b).toContain('λ = 0.5, 1 − α = λ·acc');
    expect(b).toContain('α_t = 0.421 at t = 300');
    expect(aria(b)).toContain('α_t = 0.421 at t = 300');
    expect(b).not.toContain('h = sign');
    for (const name of ['MentorNet', 'Co-teaching', 'Algorithm 1']) expect(a).toContain(name);
  });
});

describe('Mobahi et al. Fig. 1: the rounds follow the round scrubber', () => {
  const current = (h: string) =>
    /data-testid="hilbert-schematic-current"[^>]*>.*?>round (\d+)</.exec(h)?.[1] ?? null;

  it('outlines the round shown, and ends in the collapse round', () => {
    const r0 = html(createElement(HilbertSchematic, { params: { ...hilbert, round: 0 }, results: null! }));
    const r2 = html(createElement(HilbertSchematic, { params: { ...hilbert, round: 2 }, results: null! }));
    expect(current(r0)).toBe('0');
    expect(current(r2)).toBe('2');
    expect(aria(r2)).toContain('Round 2 of 4 is shown');
    // the paper's data at ε = 0.04 collapses at round 4
    expect(r2).toContain('>round 4<');
    expect(r2).toContain('f = 0: collapse');
  });

  it('draws a window of up to four rounds that holds the round shown, B_t on six decades', () => {
    expect(roundWindow(4, 3)).toEqual([0, 1, 2, 3]);
    expect(roundWindow(2, 0)).toEqual([0, 1]);
    expect(roundWindow(10, 0)).toEqual([0, 1, 2, 3]);
    expect(roundWindow(10, 5)).toEqual([4, 5, 6, 7]);
    expect(roundWindow(10, 9)).toEqual([6, 7, 8, 9]);
    expect(roundWindow(0, 0)).toEqual([]);
    expect(barHeight(1)).toBeCloseTo(54);
    expect(barHeight(1e-3)).toBeCloseTo(27);
    expect(barHeight(1e-9)).toBe(0);
    expect(barHeight(0)).toBe(0);
  });

  it('moves the collapse with ε, and says when there is no solution', () => {
    const loose = html(
      createElement(HilbertSchematic, { params: { ...hilbert, epsilon: 0.1 }, results: null! }),
    );
    expect(aria(loose)).toMatch(/At round 2 .* collapses to f = 0/);
    const infeasible = html(
      createElement(HilbertSchematic, {
        params: { ...hilbert, data: 'synthetic', endpoints: 'on' },
        results: null!,
      }),
    );
    expect(infeasible).toContain('no solution');
  });

  it("ε so large that y₀ is already within it: f = 0 from round 0, no round box (the slider's end)", () => {
    const at = html(createElement(HilbertSchematic, { params: { ...hilbert, epsilon: 1 }, results: null! }));
    expect(aria(at)).toMatch(/already within ε = 1, so the solution is f = 0 from round 0/);
    expect(at).not.toContain('hilbert-schematic-current');
  });
});

describe('the tours show the schematics', () => {
  it('every experiment with a schematic has a tour step that shows it', () => {
    const withSchematic = experiments.filter((e) => e.Schematic);
    expect(withSchematic.map((e) => e.id).sort()).toEqual([
      'hilbert-self-distillation',
      'kernel-distillation',
      'linear-distillation',
      'noisy-self-distillation',
      'ntk-self-distillation',
    ]);
    for (const e of withSchematic)
      expect(
        e.tour?.some((s) => s.schematic),
        e.id,
      ).toBe(true);
  });
});
