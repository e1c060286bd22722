/**
 * Where the text of each point marker goes (β̂ beside β*, say): north-east of its glyph unless it
 * would leave the plot, else the first corner whose box clears the labels placed before it and
 * every glyph. Pure, in pixels.
 */
export type LabelCorner = 'ne' | 'nw' | 'se' | 'sw';

export interface LabelItem {
  /** the glyph's pixel position */
  x: number;
  y: number;
  /** the text's approximate width and height in px */
  w: number;
  h: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The gap between a glyph and its text, and the glyph's half size. */
const GAP = 11;
const RISE = 7;
const GLYPH = 6;

export function labelBox(it: LabelItem, c: LabelCorner): Box {
  const east = c === 'ne' || c === 'se';
  const north = c === 'ne' || c === 'nw';
  const x0 = east ? it.x + GAP : it.x - GAP - it.w;
  // north: the baseline RISE px above the point; south: the text's top RISE px below it
  const y0 = north ? it.y - RISE - it.h * 0.8 : it.y + RISE - it.h * 0.2;
  return { x0, y0, x1: x0 + it.w, y1: y0 + it.h };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function placeLabels(items: readonly LabelItem[], plotW: number): LabelCorner[] {
  const glyphs: Box[] = items.map((it) => ({
    x0: it.x - GLYPH,
    y0: it.y - GLYPH,
    x1: it.x + GLYPH,
    y1: it.y + GLYPH,
  }));
  const placed: Box[] = [];
  return items.map((it) => {
    const first: LabelCorner = it.x + GAP + it.w > plotW ? 'nw' : 'ne';
    const order: LabelCorner[] = first === 'ne' ? ['ne', 'nw', 'se', 'sw'] : ['nw', 'ne', 'sw', 'se'];
    const fits = (c: LabelCorner) => {
      const b = labelBox(it, c);
      return b.x0 >= 0 && b.x1 <= plotW && ![...placed, ...glyphs].some((o) => overlaps(b, o));
    };
    const corner = order.find(fits) ?? first;
    placed.push(labelBox(it, corner));
    return corner;
  });
}
