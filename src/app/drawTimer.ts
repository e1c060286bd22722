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
  /** the params on screen */
  drawn: object | null;
}
const clocks = new Map<string, Clock>();
export function clockOf(id: string): Clock {
  let c = clocks.get(id);
  // Unknown until measured: the slow side.
  if (!c)
    clocks.set(
      id,
      (c = {
        ms: 2 * FAST_DRAW_MS,
        drawing: null,
        start: 0,
        paramDrawEnd: -Infinity,
        waitingSince: null,
        drawn: null,
      }),
    );
  return c;
}

/**
 * Params objects in the order the panel first met them (the store makes a new object per change):
 * the deferred copy may lag behind what was already drawn, and drawing it then would step the
 * figure back to an older value.
 */
const order = new WeakMap<object, number>();
let met = 0;
export function orderOf(params: object): number {
  let n = order.get(params);
  if (n === undefined) order.set(params, (n = ++met));
  return n;
}

/** Draw the latest state now (true) or the deferred copy (false). */
export function drawLatest(c: Clock, paramsChanged: boolean, now: number): boolean {
  if (c.ms < FAST_DRAW_MS) return true;
  if (!paramsChanged) return false;
  if (now - c.paramDrawEnd >= c.ms) return true;
  c.waitingSince ??= now;
  return now - c.waitingSince >= MAX_WAIT_MS;
}

/**
 * The state to draw of the latest one and React's deferred copy; also starts the clock when it is a
 * new state to draw. Never steps back: a deferred copy older than what is on screen is not drawn.
 */
export function pickState<S extends { params: object }>(c: Clock, latest: S, deferred: S, now: number): S {
  const stale = c.drawn !== null && orderOf(deferred.params) < orderOf(c.drawn);
  const shown = stale || drawLatest(c, latest.params !== c.drawn, now) ? latest : deferred;
  drawStarts(c, shown, now);
  return shown;
}

/** Called while rendering `state`: starts the clock when it is a new state to draw. */
export function drawStarts(c: Clock, state: unknown, now: number): void {
  if (c.drawing !== state) {
    c.drawing = state;
    c.start = now;
  }
}

/** Called from the commit's layout effect (the DOM is updated) with the params drawn. */
export function drawEnds(c: Clock, params: object, now: number): void {
  // One slow frame does not switch modes; a panel that stays slow does.
  c.ms = 0.7 * c.ms + 0.3 * (now - c.start);
  const paramsDrawn = params !== c.drawn;
  c.drawn = params;
  if (paramsDrawn) {
    c.paramDrawEnd = now;
    c.waitingSince = null;
  }
}
