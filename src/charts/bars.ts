/** Pure geometry, domain and CSV helpers for the grouped bar chart (no DOM, no React). */
import { scaleLinear } from 'd3';
import { toCsv } from './csv';
import { autoDomain, drawable, type ScaleKind } from './scales';

export interface BarGroup {
  id: string;
  /** x tick label, e.g. "t = 0". */
  label: string;
  /** One value per bar; non-finite values (and non-positive ones on a log axis) are not drawn. */
  values: ArrayLike<number>;
  /** Colour of all bars of the group; default palette[groupIndex]. */
  color?: string;
}

export interface BarOverlay {
  id: string;
  label: string;
  /** Index into `groups`. */
  group: number;
  /** One per bar of that group; NaN = none. */
  values: ArrayLike<number>;
  color: string;
  /** 'tick': a short horizontal line across the bar (e.g. a bound); 'dot': a dot at the bar centre. */
  shape: 'tick' | 'dot';
}

export interface BarLayout {
  groups: number;
  /** Bars per group (the longest group's length). */
  bars: number;
  /** Horizontal space of one group, gap included, px. */
  pitch: number;
  /** Empty space at each side of a group's bars (half the gap between groups), px. */
  pad: number;
  /** Horizontal space of one bar, its gap included, px. */
  slot: number;
  /** Visible width of a bar, px. */
  barW: number;
}

/**
 * Splits `plotW` into `groups` equal bands; inside each band, `bars` equal slots after a group gap of
 * ~20% of the band. Bars get a thin gap only while wide enough to afford one (≥ 2 px slots); narrower
 * bars touch, which reads as a histogram rather than as mush.
 */
export function barLayout(plotW: number, groups: number, bars: number): BarLayout {
  const G = Math.max(1, groups);
  const K = Math.max(1, bars);
  const pitch = plotW / G;
  const pad = (pitch < 20 ? pitch * 0.2 : Math.min(Math.max(pitch * 0.2, 6), 48)) / 2;
  const slot = (pitch - 2 * pad) / K;
  const gap = slot < 2 ? 0 : Math.min(2, Math.max(0.75, slot * 0.18));
  return { groups: G, bars: K, pitch, pad, slot, barW: slot - gap };
}

/** Left edge of bar `k` of group `g`, px. */
export function barX(l: BarLayout, g: number, k: number): number {
  return g * l.pitch + l.pad + k * l.slot + (l.slot - l.barW) / 2;
}

/** Centre of bar `k` of group `g`, px. */
export function barCenter(l: BarLayout, g: number, k: number): number {
  return g * l.pitch + l.pad + (k + 0.5) * l.slot;
}

/** The bar under `px` (nearest bar of the group when in a group gap); null outside the plot. */
export function barAt(l: BarLayout, px: number): { group: number; bar: number } | null {
  if (!(px >= 0 && px <= l.pitch * l.groups)) return null;
  const group = Math.min(l.groups - 1, Math.floor(px / l.pitch));
  const inner = px - group * l.pitch - l.pad;
  const bar = Math.min(l.bars - 1, Math.max(0, Math.floor(inner / l.slot)));
  return { group, bar };
}

/** Label every `step`-th group so that estimated label widths (`widths`, px) never collide. */
export function groupLabelStep(widths: number[], pitch: number, minGap = 10): number {
  const widest = widths.reduce((m, w) => Math.max(m, w), 0);
  if (widest === 0 || pitch <= 0) return 1;
  return Math.max(1, Math.ceil((widest + minGap) / pitch));
}

/** [min, max] over all drawable bar and overlay values; null when there are none. */
export function barExtent(series: ArrayLike<number>[], kind: ScaleKind): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!drawable(v, kind)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Value-axis domain: linear axes always include 0 (bars grow from it) and are niced; log axes use
 * whole decades (the bars then grow from the bottom of the domain).
 */
export function barDomain(
  ext: [number, number] | null,
  kind: ScaleKind,
  tickCount: number,
): [number, number] {
  if (kind === 'log') return autoDomain(ext, 'log', tickCount);
  const lo = Math.min(0, ext ? ext[0] : 0);
  const hi = Math.max(0, ext ? ext[1] : 1);
  if (lo === hi) return [0, 1];
  const d = scaleLinear().domain([lo, hi]).nice(tickCount).domain();
  return [d[0], d[1]];
}

/**
 * Vertical pixel extent [top, bottom] of a bar with value `v`, or null when it is not drawn
 * (non-finite, or non-positive on a log axis). `y` maps values to px (top = 0), `base` is the
 * baseline in px; the result is clamped to a little beyond [0, plotH] so the DOM never holds huge
 * numbers.
 */
export function barSpan(
  v: number,
  kind: ScaleKind,
  y: (v: number) => number,
  base: number,
  plotH: number,
): [number, number] | null {
  if (!drawable(v, kind)) return null;
  const p = y(v);
  if (!Number.isFinite(p)) return null;
  const clamp = (q: number) => Math.min(Math.max(q, -2), plotH + 2);
  const a = clamp(p);
  const b = clamp(base);
  return a <= b ? [a, b] : [b, a];
}

interface BarRect {
  group: number;
  bar: number;
  value: number;
  /** Left edge, top and height, px. */
  x: number;
  top: number;
  h: number;
}

interface OverlayPoint {
  id: string;
  overlay: number;
  bar: number;
  cx: number;
  cy: number;
}

export interface BarGeometry {
  layout: BarLayout;
  bars: BarRect[];
  marks: OverlayPoint[];
}

/**
 * Pixel geometry of grouped bars and their overlay marks in a plot `plotW` × `plotH`; `y` maps values
 * to px. Bars grow from 0 on linear axes and from the bottom of the plot on log axes.
 */
export function barGeometry(
  groups: readonly { values: ArrayLike<number> }[],
  overlays: readonly { group: number; values: ArrayLike<number> }[],
  plotW: number,
  plotH: number,
  y: { (v: number): number; domain(): number[] },
  yKind: ScaleKind,
): BarGeometry {
  const K = groups.reduce((m, g) => Math.max(m, g.values.length), 0);
  const layout = barLayout(plotW, groups.length, K);
  const [d0, d1] = y.domain();
  const base = yKind === 'log' ? plotH : y(Math.min(Math.max(0, Math.min(d0, d1)), Math.max(d0, d1)));
  const bars: BarRect[] = [];
  groups.forEach((g, gi) => {
    for (let k = 0; k < g.values.length; k++) {
      const span = barSpan(g.values[k], yKind, y, base, plotH);
      if (span)
        bars.push({
          group: gi,
          bar: k,
          value: g.values[k],
          x: barX(layout, gi, k),
          top: span[0],
          h: span[1] - span[0],
        });
    }
  });
  const marks: OverlayPoint[] = [];
  overlays.forEach((o, oi) => {
    if (!(o.group >= 0 && o.group < groups.length)) return;
    for (let k = 0; k < o.values.length && k < layout.bars; k++) {
      const v = o.values[k];
      if (!barSpan(v, yKind, y, base, plotH)) continue;
      const cy = y(v);
      if (cy >= -2 && cy <= plotH + 2)
        marks.push({ id: `${oi}-${k}`, overlay: oi, bar: k, cx: barCenter(layout, o.group, k), cy });
    }
  });
  return { layout, bars, marks };
}

/** A name not yet in `taken` (appending _2, _3, … when needed); the name is added to `taken`. */
export function uniqueName(name: string, taken: Set<string>): string {
  let out = name;
  for (let i = 2; taken.has(out); i++) out = `${name}_${i}`;
  taken.add(out);
  return out;
}

export interface BarCsvGroup {
  id: string;
  label: string;
  values: ArrayLike<number>;
}

export interface BarCsvOverlay {
  id: string;
  label: string;
  group: number;
  values: ArrayLike<number>;
  shape: string;
}

/**
 * CSV with a 0-based `bar` index column, one column per group (named by group id), then one per
 * overlay (named by overlay id); labels and overlay→group links go in `#` comment lines.
 */
export function barChartCsv(
  groups: BarCsvGroup[],
  overlays: BarCsvOverlay[],
  params: Record<string, unknown>,
): string {
  const bars = [...groups, ...overlays].reduce((m, s) => Math.max(m, s.values.length), 0);
  const taken = new Set<string>();
  const columns: Record<string, ArrayLike<number>> = {};
  columns[uniqueName('bar', taken)] = Array.from({ length: bars }, (_, i) => i);
  const comments: string[] = [];
  for (const g of groups) {
    const name = uniqueName(g.id, taken);
    columns[name] = g.values;
    comments.push(`group ${name}: ${g.label}`);
  }
  for (const o of overlays) {
    const name = uniqueName(o.id, taken);
    columns[name] = o.values;
    const over = groups[o.group] ? `group ${groups[o.group].id}` : `group index ${o.group} (missing)`;
    comments.push(`overlay ${name}: ${o.label}; over ${over}; shape=${o.shape}`);
  }
  return toCsv(columns, params, comments);
}
