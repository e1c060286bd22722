import type { FigureSource } from './exportFigure';

/**
 * Each mounted chart's live source, by the key on its ChartShell's root (`data-chart-shell`): the view's
 * sheet export (viewSheet.ts, loaded on first use) finds every chart on screen through it.
 */
const sources = new Map<string, () => FigureSource | null>();

/** Registers a chart's source; returns its removal (the chart unmounted or its source changed). */
export function registerChartSource(key: string, get: () => FigureSource | null): () => void {
  sources.set(key, get);
  return () => {
    if (sources.get(key) === get) sources.delete(key);
  };
}

export function chartSource(key: string): (() => FigureSource | null) | undefined {
  return sources.get(key);
}
