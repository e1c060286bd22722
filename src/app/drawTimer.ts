/**
 * Which state the panel draws, decided per render from how long its draws take (smoothed, kept outside
 * React's state: a render React discards only skews the estimate, never what is drawn):
 * - a fast panel (draws under FAST_DRAW_MS) draws the latest state in the input's own task, so the
 *   figure follows the hand in the next frame;
 * - a slow panel draws a changed parameter at once too, unless it is still busy with the previous
 *   change (a drag faster than it draws): then it draws from React's deferred copy, and the values a
 *   newer one made stale are dropped; a change left waiting MAX_WAIT_MS (frames streaming in keep
 *   interrupting the deferred render) is drawn at once;
 * - a slow panel draws run frames from the deferred copy, so streaming never blocks an input.
 */
export const FAST_DRAW_MS = 8;
export const MAX_WAIT_MS = 50;

interface Clock {
  /** smoothed draw time */
  ms: number;
  /** the state being drawn, and since when */
  drawing: unknown;
  start: number;
  /** when the last draw of a parameter change ended */
  paramDrawEnd: number;
  /** since when a parameter change waits for the deferred draw (null: none waits) */
  waitingSince: number | null;
}
const clocks = new Map<string, Clock>();
export function clockOf(id: string): Clock {
  let c = clocks.get(id);
  // Unknown until measured: the slow side.
  if (!c)
    clocks.set(
      id,
      (c = { ms: 2 * FAST_DRAW_MS, drawing: null, start: 0, paramDrawEnd: -Infinity, waitingSince: null }),
    );
  return c;
}

/** Draw the latest state now (true) or the deferred copy (false). */
export function drawLatest(c: Clock, paramsChanged: boolean, now: number): boolean {
  if (c.ms < FAST_DRAW_MS) return true;
  if (!paramsChanged) return false;
  if (now - c.paramDrawEnd >= c.ms) return true;
  c.waitingSince ??= now;
  return now - c.waitingSince >= MAX_WAIT_MS;
}

/** Called while rendering `state`: starts the clock when it is a new state to draw. */
export function drawStarts(c: Clock, state: unknown, now: number): void {
  if (c.drawing !== state) {
    c.drawing = state;
    c.start = now;
  }
}

/** Called from the commit's layout effect (the DOM is updated). */
export function drawEnds(c: Clock, paramsDrawn: boolean, now: number): void {
  // One slow frame does not switch modes; a panel that stays slow does.
  c.ms = 0.7 * c.ms + 0.3 * (now - c.start);
  if (paramsDrawn) {
    c.paramDrawEnd = now;
    c.waitingSince = null;
  }
}
