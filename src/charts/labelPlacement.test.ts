import { describe, expect, it } from 'vitest';
import { labelBox, placeLabels } from './labelPlacement';

describe('marker label placement', () => {
  it('a lone marker is labelled north-east, or north-west at the right edge', () => {
    expect(placeLabels([{ x: 100, y: 100, w: 20, h: 14 }], 400)).toEqual(['ne']);
    expect(placeLabels([{ x: 390, y: 100, w: 20, h: 14 }], 400)).toEqual(['nw']);
  });

  it('two markers a few pixels apart (β̂ next to β*) get labels that do not overlap', () => {
    const items = [
      { x: 200, y: 150, w: 18, h: 14 },
      { x: 206, y: 147, w: 18, h: 14 },
    ];
    const corners = placeLabels(items, 400);
    expect(corners[0]).not.toBe(corners[1]);
    const [a, b] = corners.map((c, i) => labelBox(items[i], c));
    const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    expect(overlap).toBe(false);
  });

  it('markers far apart keep their default corner', () => {
    expect(
      placeLabels(
        [
          { x: 50, y: 50, w: 18, h: 14 },
          { x: 300, y: 200, w: 18, h: 14 },
        ],
        400,
      ),
    ).toEqual(['ne', 'ne']);
  });
});
