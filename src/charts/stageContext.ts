import { createContext, useContext } from 'react';

/**
 * Presentation mode's stage, for the one figure it shows: that figure's charts take the stage's shape
 * (height = width × stage height / width), so once scaled they fill the stage's width and height
 * instead of being bound by a height the page view chose. Null outside presentation mode.
 */
export const StageContext = createContext<{ figureId: string; aspect: number } | null>(null);

/** The chart's height: its own, or the stage's shape when presentation mode shows its figure. */
export function useStageHeight(figureId: string | undefined, width: number, height: number): number {
  const stage = useContext(StageContext);
  if (!stage || !figureId || stage.figureId !== figureId || !(stage.aspect > 0)) return height;
  return Math.max(160, Math.round(width * stage.aspect));
}
