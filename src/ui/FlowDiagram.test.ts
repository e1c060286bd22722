import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { arrowGeometry, boxEdgePoint, FlowDiagram, liveNumber, type FlowDiagramProps } from './FlowDiagram';

const a = { x: 0, y: 0, w: 100, h: 40 };
const b = { x: 200, y: 0, w: 100, h: 40 };

describe('the diagram geometry', () => {
  it('leaves a box on the side facing the target', () => {
    expect(boxEdgePoint(a, { x: 500, y: 20 })).toEqual({ x: 100, y: 20 });
    expect(boxEdgePoint(a, { x: 50, y: -100 })).toEqual({ x: 50, y: 0 });
    expect(boxEdgePoint(a, { x: 500, y: 20 }, 4)).toEqual({ x: 104, y: 20 });
  });

  it('runs a straight arrow from edge to edge, a bent one through its control point, a loop over the top', () => {
    expect(arrowGeometry(a, b).d).toBe('M 102 20 L 196 20');
    // left of travel (rightwards) is up: a positive bend lifts the middle and the label goes above
    const bent = arrowGeometry(a, b, 30);
    expect(bent.d.startsWith('M ')).toBe(true);
    expect(bent.d).toContain(' Q 150 -10 ');
    expect(bent.mid.y).toBeLessThan(20);
    expect(bent.normal).toEqual({ x: 0, y: -1 });
    expect(arrowGeometry(a, b, 0, 'right').normal).toEqual({ x: -0, y: 1 });
    const loop = arrowGeometry(a, a);
    expect(loop.d).toMatch(/^M .* C /);
    expect(loop.mid.y).toBeLessThan(a.y);
  });
});

describe('live numbers', () => {
  it('prints three significant digits without trailing zeros', () => {
    expect(liveNumber(0.01)).toBe('0.01');
    expect(liveNumber(2)).toBe('2');
    expect(liveNumber(1 / 6)).toBe('0.167');
    expect(liveNumber(1e-4)).toBe('1e-4');
    expect(liveNumber(NaN)).toBe('—');
  });
});

const props = (label: string, flowing: boolean): FlowDiagramProps => ({
  width: 300,
  height: 60,
  ariaLabel: `teacher to student, weight ${label}`,
  boxes: [
    { id: 't', ...a, title: 'teacher', tone: 'teacher' },
    { id: 's', ...b, title: 'student', tone: 'student', emphasis: true },
  ],
  arrows: [{ from: 't', to: 's', label: ['features', `weight ${label}`], flowing, testId: 'edge' }],
});

describe('<FlowDiagram>', () => {
  it('is an image named by its aria-label, with the live label on its arrow', () => {
    const html = renderToStaticMarkup(createElement(FlowDiagram, props('λ = 0.5', false)));
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('aria-label="teacher to student, weight λ = 0.5"');
    expect(html).toContain('weight λ = 0.5</tspan>');
    expect(html).not.toContain('flow-dash');
  });

  it('follows the value it is given, and runs a dash along a flowing arrow', () => {
    const html = renderToStaticMarkup(createElement(FlowDiagram, props('λ = 2', true)));
    expect(html).toContain('weight λ = 2</tspan>');
    expect(html).not.toContain('λ = 0.5');
    expect(html).toContain('class="flow-dash"');
    expect(html).toMatch(/class="flow-arrow flowing"/);
  });
});
