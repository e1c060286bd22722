import { describe, expect, it } from 'vitest';
import {
  clockOf,
  drawEnds,
  drawLatest,
  drawStarts,
  FAST_DRAW_MS,
  MAX_WAIT_MS,
  orderOf,
  pickState,
} from './drawTimer';

/** A clock whose panel has drawn `ms` per draw for a while. */
function clockWith(id: string, ms: number) {
  const c = clockOf(id);
  let t = 0;
  for (let i = 0; i < 30; i++) {
    drawStarts(c, { i }, t);
    drawEnds(c, c.drawn ?? {}, (t += ms));
    t += 100;
  }
  return { c, t };
}

describe('which state the panel draws', () => {
  it('starts on the slow side until draws are measured', () => {
    expect(drawLatest(clockOf('unmeasured'), false, 0)).toBe(false);
  });

  it('a fast panel draws the latest state, frames and parameters alike', () => {
    const { c, t } = clockWith('fast', FAST_DRAW_MS / 2);
    expect(c.ms).toBeLessThan(FAST_DRAW_MS);
    expect(drawLatest(c, false, t)).toBe(true);
    expect(drawLatest(c, true, t)).toBe(true);
  });

  it('a slow panel draws frames from the deferred copy but a parameter change at once', () => {
    const { c, t } = clockWith('slow', 30);
    expect(drawLatest(c, false, t)).toBe(false);
    expect(drawLatest(c, true, t)).toBe(true);
  });

  it('a slow panel still busy with the last change defers the next for one draw time', () => {
    const { c, t } = clockWith('busy', 30);
    drawStarts(c, { change: 1 }, t);
    drawEnds(c, { v: 1 }, t + 30);
    // the next change 5 ms after that draw: a drag faster than the panel draws
    expect(drawLatest(c, true, t + 35)).toBe(false);
    expect(drawLatest(c, true, t + 50)).toBe(false);
    // a draw time after the last one it is free again
    expect(drawLatest(c, true, t + 60)).toBe(true);
    drawEnds(c, { v: 2 }, t + 90);
    expect(c.waitingSince).toBeNull();
  });

  it('a very slow panel draws a waiting change after MAX_WAIT_MS, not after its draw time', () => {
    const { c, t } = clockWith('very-slow', 200);
    drawStarts(c, { change: 1 }, t);
    drawEnds(c, { v: 1 }, t + 200);
    expect(drawLatest(c, true, t + 205)).toBe(false);
    expect(drawLatest(c, true, t + 205 + MAX_WAIT_MS - 1)).toBe(false);
    expect(drawLatest(c, true, t + 205 + MAX_WAIT_MS)).toBe(true);
  });

  it('one slow draw does not switch a fast panel to deferred', () => {
    const { c, t } = clockWith('spike', 2);
    drawStarts(c, { spike: true }, t);
    drawEnds(c, c.drawn!, t + 15);
    expect(drawLatest(c, false, t + 20)).toBe(true);
  });
});

describe('never a step back', () => {
  it('a deferred copy older than the params on screen is not drawn: the latest is', () => {
    const { c, t } = clockWith('back', 30);
    const older = { params: { v: 1 } };
    const drawn = { params: { v: 2 } };
    orderOf(older.params);
    orderOf(drawn.params);
    drawStarts(c, drawn, t);
    drawEnds(c, drawn.params, t + 30);
    // a frame arrives (params unchanged): a slow panel would take the deferred copy, which lags
    const latest = { params: drawn.params, frame: 2 };
    expect(pickState(c, latest, older, t + 40)).toBe(latest);
    // once the deferred copy has caught up, frames are drawn from it again
    const caughtUp = { params: drawn.params, frame: 1 };
    expect(pickState(c, latest, caughtUp, t + 50)).toBe(caughtUp);
  });
});

describe('the order params were met in', () => {
  it('numbers each params object once, in the order first met', () => {
    const a = {};
    const b = {};
    expect(orderOf(a)).toBeLessThan(orderOf(b));
    expect(orderOf(a)).toBe(orderOf(a));
  });
});
