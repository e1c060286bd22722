/**
 * Curves from elsewhere drawn over a figure (a pinned earlier run, an imported file) and the figures'
 * current curves for whoever pins them. The app provides it; the chart kit knows no experiment and no
 * store: a LineChart reads the overlays of its `figureId` and registers its series under it.
 */
import { createContext } from 'react';
import type { ImportedRun } from './importRun';
import type { Dash } from './theme';

interface OverlayCurve {
  /** unique within the chart */
  id: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  /** 'pin': dimmed, beneath the live curves; 'import': a full-strength line of its own */
  kind: 'pin' | 'import';
  /** which pin or import it belongs to: one legend entry per group */
  group: string;
}

interface OverlayGroup {
  id: string;
  /** the legend's text, e.g. "pin 1: σ²=2, η=0.1" or the file name */
  label: string;
  kind: 'pin' | 'import';
  /** the legend swatch's colour and its dash (pins differ by dash) */
  color: string;
  dash?: Dash;
  /** a removable entry (an import) gets a ✕ in the legend */
  remove?: () => void;
}

/** What one chart of a figure draws on top of its own series. */
export interface ChartOverlay {
  curves: OverlayCurve[];
  groups: OverlayGroup[];
}

/** The overlays of one figure, by the chart's index within the figure (page order). */
export type FigureOverlays = readonly (ChartOverlay | undefined)[];

/** A chart's series as a pin keeps them. */
export interface SeriesSnapshot {
  id: string;
  label: string;
  x: number[];
  y: number[];
  color: string;
}

export interface RegisteredChart {
  figureId: string;
  /** the chart's root element: its index within the figure is its place in the page */
  element: () => HTMLElement | null;
  series: () => SeriesSnapshot[];
}

export interface OverlaySource {
  /** called whenever any figure's overlays change (never on a frame of the live run) */
  subscribe(listener: () => void): () => void;
  /** the same array until this figure's overlays change; EMPTY_OVERLAYS when it has none */
  overlays(figureId: string): FigureOverlays;
  /** a chart announces itself (and how to read its series) for pinning; returns the unregister */
  register(chart: RegisteredChart): () => void;
  /** an imported run for the index-th chart of a figure */
  addImport(figureId: string, chartIndex: number, run: ImportedRun): void;
}

export const EMPTY_OVERLAYS: FigureOverlays = [];

export const OverlayContext = createContext<OverlaySource | null>(null);

/** A chart's index among the charts of its figure, in page order (0 when it is the only one). */
export function chartIndexInFigure(el: HTMLElement | null): number {
  const id = el?.getAttribute('data-figure-id');
  if (!el || !id) return 0;
  const all = [...document.querySelectorAll(`[data-figure-id="${CSS.escape(id)}"]`)];
  return Math.max(0, all.indexOf(el));
}
