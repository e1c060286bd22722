import { describe, expect, it, vi } from 'vitest';
import labelNoiseSgd from '../../experiments/label-noise-sgd';
import { createLabStore } from '../../store/labStore';
import type { SeriesSnapshot } from '../../charts/overlayContext';
import { createCompare } from './compare';
import type { PinStorage } from './pinDb';
import { addPin, MAX_PINS, paramDiff, removePin, shortParamName, type Pin } from './pins';

/** IndexedDB stand-in: the records outlive the compare that wrote them, like a reload. */
function memoryStorage() {
  const records: Record<string, Pin[]> = {};
  const storage: PinStorage = {
    loadAll: async () => structuredClone(records),
    save: async (id, pins) => {
      if (pins.length) records[id] = structuredClone(pins);
      else delete records[id];
    },
  };
  return { storage, records };
}

const curve = (id: string, k: number): SeriesSnapshot => ({
  id,
  label: id,
  x: [1, 2, 3],
  y: [k, k / 2, k / 4],
  color: '#0072B2',
});

function setup(storage = memoryStorage().storage) {
  const lab = createLabStore([labelNoiseSgd]);
  const compare = createCompare(lab, [labelNoiseSgd], storage);
  let level = 1;
  // a chart of the page: no element in node, so it is its figure's chart 0
  compare.source.register({
    figureId: 'chains-spread',
    element: () => null,
    series: () => [curve('emp', level)],
  });
  return { lab, compare, setLevel: (v: number) => (level = v) };
}

const pinOf = (n: number): Pin => ({
  number: n,
  experimentId: 'e',
  params: { a: n },
  createdAt: 0,
  charts: [{ figureId: 'f', chart: 0, series: [curve('s', 1)] }],
});

describe('pins (pure)', () => {
  it('takes four per experiment and refuses a fifth with a message', () => {
    let pins: Pin[] = [];
    for (let i = 0; i < MAX_PINS; i++) {
      const r = addPin(pins, pinOf(0));
      expect(r.ok).toBe(true);
      if (r.ok) pins = r.pins;
    }
    expect(pins.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    const fifth = addPin(pins, pinOf(0));
    expect(fifth).toEqual({
      ok: false,
      error: '4 runs are pinned already, the most per experiment: remove one or clear the pins first',
    });
  });

  it('a removed pin frees its number; the others keep theirs', () => {
    const pins = removePin([pinOf(1), pinOf(2), pinOf(3)], 2);
    expect(pins.map((p) => p.number)).toEqual([1, 3]);
    const r = addPin(pins, pinOf(0));
    expect(r.ok && r.pins.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('refuses a pin with no curve at all', () => {
    const empty = {
      ...pinOf(0),
      charts: [{ figureId: 'f', chart: 0, series: [{ ...curve('s', 1), x: [], y: [] }] }],
    };
    expect(addPin([], empty)).toEqual({ ok: false, error: 'nothing to pin yet: no figure has a curve' });
  });

  it('names the params that differ by their symbols', () => {
    expect(shortParamName('label-noise variance σ²', 'sigma2')).toBe('σ²');
    expect(shortParamName('Σ₁₁ (custom)', 'sxx')).toBe('Σ₁₁');
    expect(shortParamName('layout', 'grid')).toBe('layout');
    expect(shortParamName('imperfect teacher: fraction of its training', 'frac')).toBe('frac');
    expect(shortParamName(undefined, 'seed')).toBe('seed');
    const live = { ...labelNoiseSgd.defaults };
    expect(paramDiff(labelNoiseSgd, { ...live, sigma2: 2, eta: 0.1 }, live)).toBe('σ²=2, η=0.1');
    expect(paramDiff(labelNoiseSgd, live, live)).toBe('same parameters');
    expect(paramDiff(labelNoiseSgd, { ...live, sigma2: 2, eta: 0.1, batch: 7, n: 50 }, live)).toBe(
      'σ²=2, η=0.1, B=7, …',
    );
  });
});

describe('compare: pins on the figures, kept across a reload', () => {
  it('a pin keeps each chart’s series under its figure id; the legend names what differs from the live run', async () => {
    const { lab, compare } = setup();
    await compare.ready;
    expect(compare.source.overlays('chains-spread')).toHaveLength(0);
    expect(compare.pin()).toBe(true);
    const [chart] = compare.source.overlays('chains-spread');
    expect(chart?.curves).toEqual([
      expect.objectContaining({ kind: 'pin', x: [1, 2, 3], y: [1, 0.5, 0.25], color: '#0072B2' }),
    ]);
    expect(chart?.groups.map((g) => g.label)).toEqual(['pin 1: same parameters']);
    expect(lab.getState().setParam('sigma2', 2)).toBe(true);
    const sigma0 = labelNoiseSgd.defaults.sigma2;
    expect(compare.source.overlays('chains-spread')[0]?.groups[0].label).toBe(`pin 1: σ²=${sigma0}`);
    expect(compare.view().pins).toEqual([{ number: 1, label: `pin 1: σ²=${sigma0}` }]);
    expect(compare.source.overlays('sgd-paths')).toHaveLength(0);
  });

  it('refuses a fifth pin with a message; four survive a reload; clear empties the store', async () => {
    const mem = memoryStorage();
    const { lab, compare, setLevel } = setup(mem.storage);
    await compare.ready;
    for (let i = 1; i <= 4; i++) {
      setLevel(i);
      lab.getState().setParam('sigma2', i);
      expect(compare.pin()).toBe(true);
    }
    expect(compare.pin()).toBe(false);
    expect(compare.view().message).toMatch(/^4 runs are pinned already/);
    await vi.waitFor(() => expect(mem.records['label-noise-sgd']).toHaveLength(4));

    const reloaded = setup(mem.storage);
    expect(reloaded.compare.view().loaded).toBe(false);
    await reloaded.compare.ready;
    expect(reloaded.compare.view().pins.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(reloaded.compare.source.overlays('chains-spread')[0]?.curves.map((c) => c.y[0])).toEqual([
      1, 2, 3, 4,
    ]);

    reloaded.compare.removePin(2);
    await vi.waitFor(() => expect(mem.records['label-noise-sgd']?.map((p) => p.number)).toEqual([1, 3, 4]));
    reloaded.compare.clearPins();
    expect(reloaded.compare.view().pins).toEqual([]);
    expect(reloaded.compare.source.overlays('chains-spread')).toHaveLength(0);
    await vi.waitFor(() => expect(mem.records['label-noise-sgd']).toBeUndefined());
  });

  it('restore sets the pin’s params through the schema; a value the schema refuses is repaired with a notice', async () => {
    const mem = memoryStorage();
    const { lab, compare } = setup(mem.storage);
    await compare.ready;
    lab.getState().setParam('sigma2', 2);
    lab.getState().setParam('eta', 0.02);
    compare.pin();
    lab.getState().setParam('sigma2', 0.5);
    const runKey = lab.getState().runKey;
    compare.restore(1);
    expect(lab.getState().params).toMatchObject({ sigma2: 2, eta: 0.02 });
    expect(lab.getState().runKey).toBeGreaterThan(runKey);
    expect(compare.view().pins[0].label).toBe('pin 1: same parameters');

    // a pin from an older version whose value the schema now refuses
    mem.records['label-noise-sgd'][0].params.eta = 50;
    const old = setup(mem.storage);
    await old.compare.ready;
    old.compare.restore(1);
    expect(old.lab.getState().params.eta).toBe(labelNoiseSgd.defaults.eta);
    expect(old.lab.getState().params.sigma2).toBe(2);
    expect(old.lab.getState().notices.join(' ')).toMatch(/eta/);
  });

  it('frames of the live run neither notify the charts nor change their overlays', async () => {
    const { lab, compare } = setup();
    await compare.ready;
    compare.pin();
    const before = compare.source.overlays('chains-spread');
    const listener = vi.fn();
    compare.source.subscribe(listener);
    lab.getState().setStatus('running');
    lab.getState().applyFrames([]);
    expect(listener).not.toHaveBeenCalled();
    expect(compare.source.overlays('chains-spread')).toBe(before);
    lab.getState().setParam('sigma2', 3);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('an imported run goes on its figure’s chart under its file name, and is removable', async () => {
    const { compare } = setup();
    await compare.ready;
    const run = { name: 'run.csv', xColumn: 'Step', yColumn: 'Value', x: [1, 2], y: [3, 4], skipped: 0 };
    compare.source.addImport('chains-spread', 1, run);
    const o = compare.source.overlays('chains-spread');
    expect(o[0]).toBeUndefined();
    expect(o[1]?.groups.map((g) => [g.label, g.kind])).toEqual([['run.csv', 'import']]);
    o[1]?.groups[0].remove?.();
    expect(compare.source.overlays('chains-spread')).toHaveLength(0);
  });
});
