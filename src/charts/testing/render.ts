/** Server-side rendering of a Plot with marks, for the rendered-SVG tests (node, no DOM). */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Plot, type PlotProps } from '../Plot';
import { layoutPlot, type PlotLayout, type PlotSpec } from '../plotLayout';

export function renderPlot(
  spec: PlotSpec,
  children: ReactNode,
  props: Omit<PlotProps, 'layout' | 'children'> = {},
): { layout: PlotLayout; html: string } {
  const layout = layoutPlot(spec);
  return { layout, html: renderToStaticMarkup(createElement(Plot, { layout, ...props }, children)) };
}

/** A 400 × 300 plot with linear axes on fixed domains. */
export function linearSpec(x: [number, number], y: [number, number]): PlotSpec {
  return { width: 400, height: 300, x: { label: 'x', domain: x }, y: { label: 'y', domain: y } };
}
