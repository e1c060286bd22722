/**
 * One sheet of a whole view, for slides: a header (title, source, parameters, the link that restores
 * the view), then every figure on screen in the view's figure order, each with its title and caption and
 * its charts placed as they are on screen. SVG (charts as vector, data canvases embedded) or PNG (with the
 * parameters in a tEXt chunk, like a single figure's PNG). Knows no experiment: the caller names them.
 */
import { formatParams, wrapText } from './csv';
import {
  canvasToTaggedPng,
  downloadBlob,
  drawFigureLayers,
  escapeXml,
  figureLayersMarkup,
  svgDocument,
  type FigureSource,
} from './exportFigure';
import { chartSource } from './chartSources';
import { chrome, font } from './theme';

export interface ViewSheetSpec {
  title: string;
  subtitle?: string;
  /** the address that restores this view */
  link?: string;
  params: Record<string, unknown>;
  /** the view's figures in order; charts whose figure id is not here go last, under no heading */
  figures: readonly { id: string; title: string; caption: string }[];
}

/** A chart's box on screen (CSS px, any common origin) and the figure it belongs to. */
export interface ScreenBox {
  x: number;
  y: number;
  width: number;
  height: number;
  figureId?: string;
}

interface TextLine {
  text: string;
  size: number;
  weight: 400 | 700;
  color: string;
  y: number;
}

export interface SheetLayout {
  width: number;
  height: number;
  lines: TextLine[];
  /** where chart i (index into the boxes) goes on the sheet */
  placed: { index: number; x: number; y: number }[];
}

const MARGIN = 24;
const MIN_WIDTH = 720;
const GAP_AFTER_FIGURE = 28;

/**
 * Pure layout: figures stacked in `figures` order, each figure's charts keeping their on-screen
 * positions relative to one another (a 2×2 grid stays a 2×2 grid), text wrapped to the sheet's width.
 */
export function layoutSheet(spec: ViewSheetSpec, boxes: readonly ScreenBox[]): SheetLayout {
  const order = new Map(spec.figures.map((f, i) => [f.id, i]));
  const groups = new Map<number, number[]>();
  boxes.forEach((b, i) => {
    const k =
      b.figureId !== undefined && order.has(b.figureId) ? (order.get(b.figureId) as number) : Infinity;
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const extent = (ix: number[]) => {
    const x0 = Math.min(...ix.map((i) => boxes[i].x));
    const y0 = Math.min(...ix.map((i) => boxes[i].y));
    const w = Math.max(...ix.map((i) => boxes[i].x + boxes[i].width)) - x0;
    const h = Math.max(...ix.map((i) => boxes[i].y + boxes[i].height)) - y0;
    return { x0, y0, w, h };
  };
  const inner = Math.max(MIN_WIDTH, ...keys.map((k) => extent(groups.get(k) as number[]).w));
  const width = Math.ceil(inner + 2 * MARGIN);
  const lines: TextLine[] = [];
  let y = MARGIN;
  const text = (t: string, size: number, weight: 400 | 700, color: string, gapAfter = 4) => {
    for (const line of wrapText(t, inner / (size * (weight === 700 ? 0.64 : 0.58)))) {
      y += size * 1.25;
      lines.push({ text: line, size, weight, color, y });
    }
    y += gapAfter;
  };
  text(spec.title, 20, 700, chrome.text);
  if (spec.subtitle) text(spec.subtitle, 13, 400, chrome.mutedText);
  const params = formatParams(spec.params);
  if (params) text(`Parameters: ${params}`, 11, 400, chrome.mutedText);
  if (spec.link) text(`Open this view: ${spec.link}`, 11, 400, chrome.mutedText);
  y += 12;
  const placed: SheetLayout['placed'] = [];
  for (const k of keys) {
    const ix = groups.get(k) as number[];
    const f = Number.isFinite(k) ? spec.figures[k] : undefined;
    if (f) {
      text(f.title, 15, 700, chrome.text, 2);
      text(f.caption, 12, 400, chrome.mutedText, 8);
    }
    const e = extent(ix);
    for (const i of ix) placed.push({ index: i, x: MARGIN + boxes[i].x - e.x0, y: y + boxes[i].y - e.y0 });
    y += e.h + GAP_AFTER_FIGURE;
  }
  return { width, height: Math.ceil(y + MARGIN - GAP_AFTER_FIGURE), lines, placed };
}

/** The charts inside `container` that are on screen, with their live sources, in document order. */
function chartsIn(container: Element): { box: ScreenBox; fig: FigureSource }[] {
  const out: { box: ScreenBox; fig: FigureSource }[] = [];
  container.querySelectorAll<HTMLElement>('[data-chart-shell]').forEach((el) => {
    const r = el.getBoundingClientRect();
    const fig = chartSource(el.dataset.chartShell ?? '')?.();
    if (!fig || r.width === 0 || r.height === 0) return;
    const figureId = el.dataset.figureId;
    out.push({
      box: { x: r.left, y: r.top + window.scrollY, width: fig.width, height: fig.height, figureId },
      fig,
    });
  });
  return out;
}

const textMarkup = (l: TextLine) =>
  `<text x="${MARGIN}" y="${l.y.toFixed(1)}" font-family="${escapeXml(font.family)}" font-size="${l.size}" ` +
  `font-weight="${l.weight}" fill="${l.color}">${escapeXml(l.text)}</text>`;

/** The sheet as a standalone SVG document (the parameters also in its <metadata>). */
function viewSheetSvg(container: Element, spec: ViewSheetSpec): string {
  const charts = chartsIn(container);
  const s = layoutSheet(
    spec,
    charts.map((c) => c.box),
  );
  let body = `<metadata id="parameters">${escapeXml(JSON.stringify(spec.params))}</metadata>`;
  body += `<rect width="${s.width}" height="${s.height}" fill="${chrome.background}"/>`;
  body += s.lines.map(textMarkup).join('');
  for (const p of s.placed) {
    const c = charts[p.index];
    const id = c.box.figureId ? ` data-figure-id="${escapeXml(c.box.figureId)}"` : '';
    body += `<g transform="translate(${p.x},${p.y})"${id}>${figureLayersMarkup(c.fig)}</g>`;
  }
  return svgDocument(s.width, s.height, body);
}

/** The sheet as PNG, 2× (less where the sheet is so tall a canvas could not hold it). */
async function viewSheetPng(container: Element, spec: ViewSheetSpec): Promise<Blob> {
  const charts = chartsIn(container);
  const s = layoutSheet(
    spec,
    charts.map((c) => c.box),
  );
  const scale = Math.min(2, 32000 / s.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(s.width * scale);
  canvas.height = Math.round(s.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.scale(scale, scale);
  ctx.fillStyle = chrome.background;
  ctx.fillRect(0, 0, s.width, s.height);
  ctx.textBaseline = 'alphabetic';
  for (const l of s.lines) {
    ctx.fillStyle = l.color;
    ctx.font = `${l.weight} ${l.size}px ${font.family}`;
    ctx.fillText(l.text, MARGIN, l.y);
  }
  for (const p of s.placed) {
    ctx.save();
    ctx.translate(p.x, p.y);
    await drawFigureLayers(ctx, charts[p.index].fig);
    ctx.restore();
  }
  return canvasToTaggedPng(canvas, spec.params);
}

/** Builds the sheet and downloads it as `${name}.svg` or `${name}.png`. */
export async function exportViewSheet(
  container: Element,
  spec: ViewSheetSpec,
  format: 'svg' | 'png',
  name: string,
): Promise<void> {
  const blob =
    format === 'svg'
      ? new Blob([viewSheetSvg(container, spec)], { type: 'image/svg+xml;charset=utf-8' })
      : await viewSheetPng(container, spec);
  downloadBlob(blob, `${name}.${format}`);
}
