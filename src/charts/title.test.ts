import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Title } from './Axes';

const render = (title: string, width: number) =>
  renderToStaticMarkup(createElement('svg', null, createElement(Title, { title, width })));

describe('chart titles keep their numbers', () => {
  it('a short title is one line at full size', () => {
    const html = render('Loss', 430);
    expect(html).toContain('font-size="14"');
    expect(html).not.toContain('<tspan');
    expect(html).not.toContain('data-truncated');
  });
  it('a long title on a narrow chart takes two lines instead of being cut', () => {
    const t = 'NTK spectrum: infinite width vs the live network at width 2048 (k = 16)';
    const html = render(t, 430);
    expect(html.match(/<tspan/g)?.length).toBe(2);
    expect(html).not.toContain('data-truncated');
    expect(html).toContain('(k = 16)');
  });
  it('only a title too long for two lines at 10 px is cut, its full text kept as the tooltip', () => {
    const t = 'word '.repeat(60).trim();
    const html = render(t, 300);
    expect(html).toContain('data-truncated="true"');
    expect(html).toContain(`<title>${t}</title>`);
  });
});
