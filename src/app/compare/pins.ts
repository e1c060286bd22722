/**
 * Pinned runs: what a pin keeps, the limit per experiment, and the legend text that names how a pin
 * differs from the live run. Pure (no DOM, no IndexedDB): pinDb.ts stores them, compare.ts draws them.
 */
import type { SeriesSnapshot } from '../../charts/overlayContext';
import type { AnyExperiment } from '../../experiments/types';
import type { LabStore } from '../../store/labStore';
import { encodeHash } from '../../store/urlState';

export const MAX_PINS = 4;

/** One chart's curves as they were when pinned. */
interface PinnedChart {
  figureId: string;
  /** the chart's index within its figure (page order), for figures of several charts */
  chart: number;
  series: SeriesSnapshot[];
}

export interface Pin {
  /** 1 … MAX_PINS, the smallest free one when pinned: "pin 2" keeps its name when pin 1 goes */
  number: number;
  experimentId: string;
  params: Record<string, unknown>;
  createdAt: number;
  charts: PinnedChart[];
}

export type PinResult = { ok: true; pins: Pin[]; pin: Pin } | { ok: false; error: string };

/** Adds a pin to an experiment's list, or refuses a fifth. */
export function addPin(pins: readonly Pin[], pin: Omit<Pin, 'number'>): PinResult {
  if (pins.length >= MAX_PINS)
    return {
      ok: false,
      error: `${MAX_PINS} runs are pinned already, the most per experiment: remove one or clear the pins first`,
    };
  if (pin.charts.every((c) => c.series.every((s) => s.x.length === 0)))
    return { ok: false, error: 'nothing to pin yet: no figure has a curve' };
  let number = 1;
  while (pins.some((p) => p.number === number)) number++;
  const added = { ...pin, number };
  return { ok: true, pins: [...pins, added].sort((a, b) => a.number - b.number), pin: added };
}

export const removePin = (pins: readonly Pin[], number: number): Pin[] =>
  pins.filter((p) => p.number !== number);

/**
 * A control's label cut to its symbol: "label-noise variance σ²" → "σ²", "Σ₁₁ (custom)" → "Σ₁₁";
 * a label without one stays whole when short, else the key.
 */
export function shortParamName(label: string | undefined, key: string): string {
  if (!label) return key;
  const plain = label
    .replace(/\s*\(.*?\)\s*/g, ' ')
    .replace(/:.*/, '')
    .trim();
  const words = plain.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length > 1 && last.length <= 3) return last;
  return plain.length <= 16 ? plain : key;
}

function formatParam(v: unknown): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(4)));
  if (Array.isArray(v)) return v.map(formatParam).join(' ');
  return String(v);
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** "σ²=2, η=0.1": the pin's values of the params that differ from the live run (at most `max`). */
export function paramDiff(
  def: Pick<AnyExperiment, 'controls'>,
  pinned: Record<string, unknown>,
  live: Record<string, unknown>,
  max = 3,
): string {
  const label = (key: string) => {
    const c = def.controls.find((x) => x.key === key);
    return shortParamName(c && 'label' in c ? c.label : undefined, key);
  };
  const keys = Object.keys(pinned).filter((k) => !sameValue(pinned[k], live[k]));
  if (keys.length === 0) return 'same parameters';
  const parts = keys.slice(0, max).map((k) => `${label(k)}=${formatParam(pinned[k])}`);
  return keys.length > max ? `${parts.join(', ')}, …` : parts.join(', ');
}

/**
 * Sets the pin's parameters through the store's link loader, so the schema validates every value (a
 * pin from an older version is repaired key by key, with the notices a repaired link gets). The view
 * (presentation, hidden parts) and the backend stay.
 */
export function restorePin(store: LabStore, pin: Pin): void {
  const s = store.getState();
  const view = pin.experimentId === s.experimentId ? { present: s.present, hide: s.hidden } : {};
  s.loadHash(encodeHash(pin.experimentId, pin.params, s.backend, view));
}
