import { describe, expect, it } from 'vitest';
import { layoutSheet, type ViewSheetSpec } from './viewSheet';

const spec: ViewSheetSpec = {
  title: 'An experiment',
  subtitle: 'Someone et al. (2020)',
  link: 'https://example.org/#/x?a=1',
  params: { a: 1, b: 'two' },
  figures: [
    { id: 'first', title: 'First figure', caption: 'What the first shows.' },
    { id: 'grid', title: 'A 2×2 grid', caption: 'Four panels.' },
  ],
};

describe('layoutSheet', () => {
  it('stacks the figures in the view’s order, whatever the order on screen, and keeps a grid a grid', () => {
    const boxes = [
      // the grid, 2×2 at (100, 900) on screen, then the first figure above it
      { x: 100, y: 900, width: 300, height: 200, figureId: 'grid' },
      { x: 416, y: 900, width: 300, height: 200, figureId: 'grid' },
      { x: 100, y: 1116, width: 300, height: 200, figureId: 'grid' },
      { x: 416, y: 1116, width: 300, height: 200, figureId: 'grid' },
      { x: 100, y: 300, width: 616, height: 260, figureId: 'first' },
      { x: 100, y: 1500, width: 400, height: 100 },
    ];
    const s = layoutSheet(spec, boxes);
    const at = (i: number) => s.placed.find((p) => p.index === i)!;
    expect(s.placed.map((p) => p.index)).toEqual([4, 0, 1, 2, 3, 5]);
    // the grid's relative offsets are the screen's
    expect(at(1).x - at(0).x).toBe(316);
    expect(at(2).y - at(0).y).toBe(216);
    expect(at(3).x - at(2).x).toBe(316);
    // the first figure comes first, its caption above it; the grid below it with its own heading
    expect(at(4).y).toBeLessThan(at(0).y - 260);
    const heading = s.lines.find((l) => l.text === 'A 2×2 grid')!;
    expect(heading.y).toBeGreaterThan(at(4).y + 260);
    expect(heading.y).toBeLessThan(at(0).y);
    // a chart of no listed figure goes last; the sheet holds everything
    expect(at(5).y).toBeGreaterThan(at(3).y + 200);
    expect(s.height).toBeGreaterThanOrEqual(at(5).y + 100);
    expect(s.width).toBeGreaterThanOrEqual(720 + 48);
  });

  it('writes the title, source, parameters and link, wrapped to the sheet’s width', () => {
    const long = { ...spec, params: Object.fromEntries([...Array(60)].map((_, i) => [`param${i}`, i])) };
    const s = layoutSheet(long, [{ x: 0, y: 0, width: 1000, height: 300, figureId: 'first' }]);
    expect(s.width).toBe(1048);
    const texts = s.lines.map((l) => l.text);
    expect(texts[0]).toBe('An experiment');
    expect(texts).toContain('Someone et al. (2020)');
    expect(texts.some((t) => t.startsWith('Open this view: https://example.org/'))).toBe(true);
    const paramLines = s.lines.filter((l) => l.size === 11 && !l.text.startsWith('Open'));
    expect(paramLines.length).toBeGreaterThan(1);
    for (const l of s.lines) expect(l.text.length * l.size * 0.58, l.text).toBeLessThanOrEqual(1000 + 1);
    // lines go down the page
    for (let i = 1; i < s.lines.length; i++) expect(s.lines[i].y).toBeGreaterThan(s.lines[i - 1].y);
  });
});
