/**
 * "Compare and keep": pinned runs and imported files drawn over the live figures. This is the app's
 * OverlaySource for the chart kit (charts register their series and read their figure's overlays) and
 * the pin bar's state. It follows the lab store only for the experiment and its params (the legend
 * names what differs from the live run), never for frames.
 */
import type { ImportedRun } from '../../charts/importRun';
import {
  EMPTY_OVERLAYS,
  chartIndexInFigure,
  type ChartOverlay,
  type FigureOverlays,
  type OverlaySource,
  type RegisteredChart,
} from '../../charts/overlayContext';
import type { Dash } from '../../charts/theme';
import type { AnyExperiment } from '../../experiments/types';
import type { LabStore } from '../../store/labStore';
import type { PinStorage } from './pinDb';
import { addPin, paramDiff, removePin, restorePin, type Pin } from './pins';

interface ImportEntry {
  id: string;
  experimentId: string;
  figureId: string;
  chart: number;
  run: ImportedRun;
  color: string;
}

/** What the pin bar shows: the current experiment's pins with their legend text, and the last message. */
export interface CompareView {
  pins: { number: number; label: string }[];
  message: string | null;
  /** pins loaded from IndexedDB (the bar says "…" until then) */
  loaded: boolean;
}

/** Pins differ by dash, imports by colour (hues the live charts use least). */
const PIN_DASH: Dash[] = ['solid', 'dashed', 'dotted', 'dashdot'];
const PIN_SWATCH = '#6E6E6E';
const IMPORT_COLORS = ['#7A5195', '#444444', '#B4488C', '#8C6D1F'];

export function createCompare(lab: LabStore, registry: readonly AnyExperiment[], storage: PinStorage) {
  const byId = new Map(registry.map((e) => [e.id, e]));
  let pins: Record<string, Pin[]> = {};
  let imports: ImportEntry[] = [];
  let message: string | null = null;
  let loaded = false;
  let importSeq = 0;
  const charts = new Set<RegisteredChart>();
  const listeners = new Set<() => void>();
  let cache = new Map<string, FigureOverlays>();
  let view: CompareView | null = null;

  const live = () => lab.getState();
  const current = () => pins[live().experimentId] ?? [];
  const changed = () => {
    cache = new Map();
    view = null;
    for (const l of listeners) l();
  };

  const pinLabel = (p: Pin) => {
    const def = byId.get(p.experimentId);
    return `pin ${p.number}: ${def ? paramDiff(def, p.params, live().params) : ''}`;
  };

  function build(figureId: string): FigureOverlays {
    const experimentId = live().experimentId;
    const out: ChartOverlay[] = [];
    const at = (i: number) => (out[i] ??= { curves: [], groups: [] });
    for (const p of current())
      for (const c of p.charts) {
        if (c.figureId !== figureId || c.series.length === 0) continue;
        const o = at(c.chart);
        const group = `pin-${p.number}`;
        o.groups.push({
          id: group,
          label: pinLabel(p),
          kind: 'pin',
          color: PIN_SWATCH,
          dash: PIN_DASH[(p.number - 1) % PIN_DASH.length],
        });
        for (const s of c.series)
          o.curves.push({ id: `${group}-${s.id}`, x: s.x, y: s.y, color: s.color, kind: 'pin', group });
      }
    for (const im of imports) {
      if (im.experimentId !== experimentId || im.figureId !== figureId) continue;
      const o = at(im.chart);
      o.groups.push({
        id: im.id,
        label: im.run.name,
        kind: 'import',
        color: im.color,
        remove: () => removeImport(im.id),
      });
      o.curves.push({ id: im.id, x: im.run.x, y: im.run.y, color: im.color, kind: 'import', group: im.id });
    }
    // holes (a chart of the figure without overlays) stay undefined
    return out.length ? Array.from(out) : EMPTY_OVERLAYS;
  }

  function removeImport(id: string) {
    imports = imports.filter((i) => i.id !== id);
    changed();
  }

  const persist = (experimentId: string) => void storage.save(experimentId, pins[experimentId] ?? []);

  // The legend compares each pin with the live params: follow those (not the frames).
  let seen = { id: live().experimentId, params: live().params };
  lab.subscribe((s) => {
    if (s.experimentId === seen.id && s.params === seen.params) return;
    const relevant = s.experimentId !== seen.id || current().length > 0;
    seen = { id: s.experimentId, params: s.params };
    if (relevant) changed();
  });

  const ready = storage.loadAll().then((all) => {
    // pins made before the load finished (a fast click) are kept next to the stored ones
    for (const [id, list] of Object.entries(all)) if (!pins[id]?.length) pins[id] = list;
    loaded = true;
    changed();
  });

  const source: OverlaySource = {
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    overlays(figureId) {
      let o = cache.get(figureId);
      if (!o) cache.set(figureId, (o = build(figureId)));
      return o;
    },
    register(chart) {
      charts.add(chart);
      return () => charts.delete(chart);
    },
    addImport(figureId, chart, run) {
      const used = new Set(imports.filter((i) => i.figureId === figureId).map((i) => i.color));
      const color =
        IMPORT_COLORS.find((c) => !used.has(c)) ?? IMPORT_COLORS[importSeq % IMPORT_COLORS.length];
      imports = [
        ...imports,
        { id: `import-${++importSeq}`, experimentId: live().experimentId, figureId, chart, run, color },
      ];
      changed();
    },
  };

  return {
    source,
    ready,
    view(): CompareView {
      return (view ??= {
        pins: current().map((p) => ({ number: p.number, label: pinLabel(p) })),
        message,
        loaded,
      });
    },
    /** Pins every registered chart's current curves with the experiment's params. */
    pin(): boolean {
      const s = live();
      const snap = [...charts]
        .map((c) => ({ figureId: c.figureId, chart: chartIndexInFigure(c.element()), series: c.series() }))
        .filter((c) => c.series.some((x) => x.x.length > 0));
      const r = addPin(current(), {
        experimentId: s.experimentId,
        params: s.params,
        createdAt: Date.now(),
        charts: snap,
      });
      if (!r.ok) {
        message = r.error;
        changed();
        return false;
      }
      pins = { ...pins, [s.experimentId]: r.pins };
      message = `pinned as pin ${r.pin.number}: change a parameter to compare`;
      persist(s.experimentId);
      changed();
      return true;
    },
    removePin(number: number) {
      const id = live().experimentId;
      pins = { ...pins, [id]: removePin(current(), number) };
      message = null;
      persist(id);
      changed();
    },
    clearPins() {
      const id = live().experimentId;
      pins = { ...pins, [id]: [] };
      message = null;
      persist(id);
      changed();
    },
    restore(number: number) {
      const p = current().find((x) => x.number === number);
      if (!p) return;
      message = `restored the parameters of pin ${number}`;
      restorePin(lab, p);
      changed();
    },
  };
}

export type Compare = ReturnType<typeof createCompare>;
