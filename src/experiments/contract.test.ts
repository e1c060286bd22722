import { readFileSync, readdirSync } from 'node:fs';
import { createElement, type ContextType } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { numberFieldRange, objectShape } from '../schema/numberField';
import { createLabStore } from '../store/labStore';
import { StoreContext } from '../ui/storeContext';
import { experiments } from '.';
import { clampToField, controlProblems, numberControl } from './controls';
import type { HilbertParams } from './hilbert-self-distillation/params';
import { figureIdPattern } from './registry';
import type { AnyExperiment, PanelProps } from './types';

/**
 * The experiment contract, checked on every experiment the registry discovers (no list by hand): each
 * control's key is a key of the schema, a slider's range and integer flag are the schema field's, the
 * figures have unique kebab-case ids that the panel actually draws, and the paper fields group the
 * experiments.
 */

describe.each(experiments.map((e) => [e.id, e] as const))('%s', (_, e: AnyExperiment) => {
  const shape = objectShape(e.schema)!;

  it('has an object schema whose keys are the defaults’ keys', () => {
    expect(shape).not.toBeNull();
    expect(Object.keys(shape).sort()).toEqual(Object.keys(e.defaults).sort());
  });

  it('every control names a key of the schema, and agrees with its field', () => {
    expect(controlProblems(e.schema, e.controls)).toEqual([]);
    for (const c of e.controls) {
      expect(Object.keys(shape), `control "${c.key}"`).toContain(c.key);
      if (c.kind !== 'number') continue;
      const range = numberFieldRange(shape[c.key])!;
      expect(c.integer, `control "${c.key}": integer`).toBe(range.integer);
      // The slider's ends are the schema's, or (uiMin/uiMax) valid values inside them.
      expect(c.min).toBeGreaterThanOrEqual(range.min);
      expect(c.max).toBeLessThanOrEqual(range.max);
      expect(shape[c.key].safeParse(c.min).success, `control "${c.key}": min ${c.min}`).toBe(true);
      expect(shape[c.key].safeParse(c.max).success, `control "${c.key}": max ${c.max}`).toBe(true);
    }
  });

  it('the checks fail on a wrong key, range, integer flag or option', () => {
    const number = e.controls.find((c) => c.kind === 'number')!;
    const broken = [
      { ...number, key: `${number.key}x` },
      { ...number, max: number.max * 2 + 1 },
      { ...number, min: number.min - 1 },
      { ...number, integer: !number.integer },
    ];
    for (const b of broken) expect(controlProblems(e.schema, [b]), JSON.stringify(b)).not.toEqual([]);
    const choice = e.controls.find((c) => c.kind === 'choice');
    if (choice)
      expect(
        controlProblems(e.schema, [
          { ...choice, options: [...choice.options, { value: 'nonsense', label: '' }] },
        ]),
      ).not.toEqual([]);
    // and a wrong key is refused where the controls are made, too
    expect(() =>
      numberControl(e.schema, `${number.key}x` as never, { label: '', help: '', scale: 'linear' }),
    ).toThrow(/no such key/);
  });

  it('lists its figures with unique kebab-case ids, a title and a one-line caption', () => {
    expect(e.figures.length).toBeGreaterThan(0);
    const ids = e.figures.map((f) => f.id);
    for (const id of ids) expect(id).toMatch(figureIdPattern);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of e.figures) {
      expect(f.title.trim(), f.id).not.toBe('');
      expect(f.caption.trim(), f.id).not.toBe('');
      expect(f.caption, f.id).not.toMatch(/\n/);
    }
  });

  it('its panel’s source draws every declared figure, and names no other', () => {
    const dir = `src/experiments/${e.id}`;
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.tsx'))
      .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
      .join('\n');
    // `fig('id')` (the typed accessor of figures.ts) or a literal `figureId="id"`
    const used = new Set(
      [...source.matchAll(/\bfig\(\s*'([^']+)'\s*\)|figureId="([^"]+)"/g)].map((m) => m[1] ?? m[2]),
    );
    const declared = e.figures.map((f) => f.id);
    expect(declared.filter((id) => !used.has(id))).toEqual([]);
    expect([...used].filter((id) => !declared.includes(id))).toEqual([]);
  });

  it('has paper fields for grouping', () => {
    expect(e.paperId).toMatch(/^[a-z]+-\d{4}$/);
    expect(e.paperId.endsWith(String(e.year))).toBe(true);
    expect(e.authors.trim()).not.toBe('');
    expect(e.paperFigures).toMatch(/^(Fig|Table|Theorem)/);
  });
});

describe('papers', () => {
  it('one paperId per paper: the two halves of Xiong et al. share theirs, with the same authors and year', () => {
    const byPaper = new Map<string, AnyExperiment[]>();
    for (const e of experiments) byPaper.set(e.paperId, [...(byPaper.get(e.paperId) ?? []), e]);
    for (const group of byPaper.values()) {
      expect(new Set(group.map((e) => e.authors)).size).toBe(1);
      expect(new Set(group.map((e) => e.year)).size).toBe(1);
    }
    expect(
      byPaper
        .get('xiong-2023')
        ?.map((e) => e.id)
        .sort(),
    ).toEqual(['label-noise-sgd', 'noisy-self-distillation']);
  });
});

const noop = () => undefined;
const run: NonNullable<ContextType<typeof StoreContext>>['run'] = {
  pause: noop,
  resume: noop,
  step: noop,
  reset: noop,
  cancel: noop,
  engine: { memory: () => Promise.resolve({ numTensors: 0, numBytes: 0 }), injectFault: noop },
};

/** The panel's first frame (exact theory, no worker results) as markup, for params after a preset. */
async function renderPanel(e: AnyExperiment, preset: string | null): Promise<string> {
  const store = createLabStore(experiments);
  store.getState().setExperiment(e.id);
  if (preset) store.getState().applyPreset(preset);
  const s = store.getState();
  const props = { params: s.params, results: s.results, version: s.version, setParam: s.setParam };
  const tree = createElement(StoreContext.Provider, { value: { store, run } }, createElement(e.Panel, props));
  const { prelude } = await prerenderToNodeStream(tree);
  let html = '';
  for await (const chunk of prelude) html += chunk;
  return html;
}

describe('figures as rendered (the first frame, before any worker result)', () => {
  it('every chart on the page carries a declared figure id, in the declared order', async () => {
    const seen = new Map<string, Set<string>>();
    for (const e of experiments) {
      const declared = e.figures.map((f) => f.id);
      const ids = new Set<string>();
      for (const preset of [null, ...e.presets.map((p) => p.id)]) {
        const html = await renderPanel(e, preset);
        const where = `${e.id} (${preset ?? 'defaults'})`;
        // every chart frame (each is a named figure) carries an id
        const charts = html.match(/role="figure"/g)?.length ?? 0;
        const order = [...html.matchAll(/data-figure-id="([^"]+)"/g)].map((m) => m[1]);
        expect(order.length, where).toBe(charts);
        for (const id of order) expect(declared, where).toContain(id);
        // Small multiples repeat an id side by side; otherwise the page follows the definition.
        const positions = order.map((id) => declared.indexOf(id));
        for (let i = 1; i < positions.length; i++)
          expect(positions[i], `${where}: ${order[i - 1]} then ${order[i]}`).toBeGreaterThanOrEqual(
            positions[i - 1],
          );
        order.forEach((id) => ids.add(id));
      }
      seen.set(e.id, ids);
    }
    // The figures that need no worker run reach the DOM with their id. The others (drawn from a run's
    // results) are checked above only in the source; the e2e suite runs the experiments.
    const total = [...seen.values()].reduce((n, s) => n + s.size, 0);
    expect(total).toBeGreaterThan(20);
  });
});

describe('typed controls and setParam', () => {
  it('refuse a misspelt key at compile time', () => {
    const setParam: PanelProps<HilbertParams, unknown>['setParam'] = () => true;
    // @ts-expect-error a key the params do not have
    setParam('epsilonn', 0.1);
    // @ts-expect-error a value of the wrong type
    setParam('epsilon', 'small');
    expect(setParam('epsilon', 0.1)).toBe(true);
  });

  it('numberControl reads bounds and integer flag through pipes, and refuses what a slider cannot be', () => {
    const schema = z.object({
      a: z.number().min(0).pipe(z.number().max(3)),
      b: z.number().int().min(2).max(9).default(4),
      half: z.number().min(0).lt(0.5),
      open: z.number(),
      mode: z.enum(['x', 'y']),
    });
    const a = numberControl(schema, 'a', { label: 'a', help: '', scale: 'linear' });
    expect([a.min, a.max, a.integer]).toEqual([0, 3, false]);
    const b = numberControl(schema, 'b', { label: 'b', help: '', scale: 'log' });
    expect([b.min, b.max, b.integer]).toEqual([2, 9, true]);
    const ui = { label: 'h', help: '', scale: 'linear' } as const;
    expect(() => numberControl(schema, 'half', ui)).toThrow(/not a valid value/);
    expect(numberControl(schema, 'half', { ...ui, uiMax: 0.49 }).max).toBe(0.49);
    expect(() => numberControl(schema, 'half', { ...ui, uiMax: 0.6 })).toThrow(/above the schema/);
    expect(() => numberControl(schema, 'half', { ...ui, uiMin: -1, uiMax: 0.4 })).toThrow(/below the schema/);
    expect(() => numberControl(schema, 'half', { ...ui, scale: 'log', uiMax: 0.4 })).toThrow(/min > 0/);
    expect(() => numberControl(schema, 'open', ui)).toThrow(/no finite bounds/);
    expect(() => numberControl(schema, 'b', { ...ui, step: 2 })).toThrow(/multiples of its step 2/);
    expect(numberControl(schema, 'b', { ...ui, step: 2, uiMax: 8 }).step).toBe(2);
    // @ts-expect-error an enum key is not a number key
    expect(() => numberControl(schema, 'mode', ui)).toThrow(/not a number/);
    const clamp = clampToField(schema, 'a');
    expect([clamp(-1), clamp(1.5), clamp(7)]).toEqual([0, 1.5, 3]);
  });
});
