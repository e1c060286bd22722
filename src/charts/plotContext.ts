/** What a mark may read from the Plot frame around it: the shared layout and a few frame services. */
import { createContext, useContext } from 'react';
import type { Rect } from './legendPlacement';
import type { PlotLayout } from './plotLayout';

/** Pointer position in plot px; py is null when only x is known (a dragged vertical marker). */
export interface HoverPoint {
  px: number;
  py: number | null;
}

export interface PlotContextValue {
  layout: PlotLayout;
  /** The legend's box in plot px, for marks that place labels (null: no legend). */
  legendRect: Rect | null;
  /** Moves the hover readout, e.g. to follow a dragged marker; null hides it. */
  setHover: (h: HoverPoint | null) => void;
}

export const PlotContext = createContext<PlotContextValue | null>(null);

export function usePlot(): PlotContextValue {
  const ctx = useContext(PlotContext);
  if (!ctx) throw new Error('a chart mark must be rendered inside <Plot>');
  return ctx;
}
