/**
 * Figure export (PNG / SVG / CSV). A chart describes itself as a stack of layers (SVG elements and
 * data canvases, bottom to top); export composes them so the file looks like the screen, with the
 * parameters embedded (SVG <metadata>, PNG tEXt "parameters", CSV comment lines) and as a caption.
 */
import { formatParams, wrapText } from './csv';
import { addPngTextChunk } from './pngText';
import { chrome, font } from './theme';

export { toCsv, wrapText } from './csv';
export { addPngTextChunk, crc32, readPngTextChunks } from './pngText';

export type ExportFormat = 'png' | 'svg' | 'csv';

export type FigureLayer =
  | { kind: 'svg'; element: SVGSVGElement }
  | {
      kind: 'canvas';
      element: HTMLCanvasElement;
      x: number;
      y: number;
      width: number;
      height: number;
      /** the canvas element's CSS opacity (path layers are drawn opaque and shown translucent) */
      opacity?: number;
    };

export interface FigureSource {
  /** CSS-pixel size of the on-screen figure (all layers share this coordinate frame). */
  width: number;
  height: number;
  layers: FigureLayer[];
  params: Record<string, unknown>;
  /** Lazily built because CSV of 10^5-point layers is only worth making on demand. */
  csv: () => string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const CAPTION_FONT = 11;
const CAPTION_LINE = 15;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Caption lines for the params, wrapped to the figure width. */
function captionLines(params: Record<string, unknown>, width: number): string[] {
  const text = formatParams(params);
  if (!text) return [];
  return wrapText(text, (width - 16) / (CAPTION_FONT * 0.6));
}

function captionHeight(lines: string[]): number {
  return lines.length ? lines.length * CAPTION_LINE + 10 : 0;
}

/** Inner markup of an SVG layer without interactive-only parts (hover rules, tooltips). */
function svgInnerMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll('[data-export="ignore"]').forEach((n) => n.remove());
  const ser = new XMLSerializer();
  let markup = '';
  clone.childNodes.forEach((n) => {
    markup += ser.serializeToString(n);
  });
  return markup;
}

export function svgDocument(width: number, height: number, body: string): string {
  return (
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}">${body}</svg>`
  );
}

/** The figure's layers as SVG markup in its own coordinates (canvases embedded as PNG data URLs). */
export function figureLayersMarkup(fig: FigureSource): string {
  let body = '';
  for (const layer of fig.layers) {
    if (layer.kind === 'svg') {
      body += `<g>${svgInnerMarkup(layer.element)}</g>`;
    } else {
      const href = layer.element.toDataURL('image/png');
      body +=
        `<image x="${layer.x}" y="${layer.y}" width="${layer.width}" height="${layer.height}" ` +
        `${layer.opacity !== undefined && layer.opacity < 1 ? `opacity="${layer.opacity}" ` : ''}` +
        `preserveAspectRatio="none" href="${href}" xlink:href="${href}"/>`;
    }
  }
  return body;
}

/** Standalone SVG of the whole figure, canvases embedded as PNG data URLs beneath later layers. */
function figureToSvgString(fig: FigureSource): string {
  const lines = captionLines(fig.params, fig.width);
  const total = fig.height + captionHeight(lines);
  let body = `<metadata id="parameters">${escapeXml(JSON.stringify(fig.params))}</metadata>`;
  body += `<rect x="0" y="0" width="${fig.width}" height="${total}" fill="${chrome.background}"/>`;
  body += figureLayersMarkup(fig);
  lines.forEach((line, i) => {
    body +=
      `<text x="8" y="${fig.height + 6 + (i + 1) * CAPTION_LINE - 4}" font-family="${escapeXml(font.family)}" ` +
      `font-size="${CAPTION_FONT}" fill="${chrome.mutedText}">${escapeXml(line)}</text>`;
  });
  return svgDocument(fig.width, total, body);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('could not rasterise SVG layer'));
    img.src = url;
  });
}

async function drawSvgLayer(ctx: CanvasRenderingContext2D, svg: SVGSVGElement, w: number, h: number) {
  const doc = svgDocument(w, h, svgInnerMarkup(svg));
  const url = URL.createObjectURL(new Blob([doc], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    ctx.drawImage(await loadImage(url), 0, 0, w, h);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws the figure's layers onto `ctx` in the figure's own coordinates (the caller translates). */
export async function drawFigureLayers(ctx: CanvasRenderingContext2D, fig: FigureSource): Promise<void> {
  for (const layer of fig.layers) {
    if (layer.kind === 'svg') await drawSvgLayer(ctx, layer.element, fig.width, fig.height);
    else {
      ctx.globalAlpha = layer.opacity ?? 1;
      ctx.drawImage(layer.element, layer.x, layer.y, layer.width, layer.height);
      ctx.globalAlpha = 1;
    }
  }
}

/** PNG at `scale`× with a caption strip and the params JSON as a tEXt "parameters" chunk. */
async function figureToPngBlob(fig: FigureSource, scale = 2): Promise<Blob> {
  const lines = captionLines(fig.params, fig.width);
  const total = fig.height + captionHeight(lines);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(fig.width * scale);
  canvas.height = Math.round(total * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  ctx.scale(scale, scale);
  ctx.fillStyle = chrome.background;
  ctx.fillRect(0, 0, fig.width, total);
  await drawFigureLayers(ctx, fig);
  ctx.fillStyle = chrome.mutedText;
  ctx.font = `${CAPTION_FONT}px ${font.family}`;
  ctx.textBaseline = 'alphabetic';
  lines.forEach((line, i) => ctx.fillText(line, 8, fig.height + 6 + (i + 1) * CAPTION_LINE - 4));

  return canvasToTaggedPng(canvas, fig.params);
}

/** The canvas as PNG with `params` as JSON in a tEXt "parameters" chunk. */
export async function canvasToTaggedPng(
  canvas: HTMLCanvasElement,
  params: Record<string, unknown>,
): Promise<Blob> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const tagged = addPngTextChunk(bytes, 'parameters', JSON.stringify(params));
  return new Blob([tagged as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** Saves via a temporary object URL and <a download>; the URL is revoked once the click is handled. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Builds the file for `format` and downloads it as `${name}.${format}`. */
export async function exportFigure(fig: FigureSource, format: ExportFormat, name: string): Promise<void> {
  let blob: Blob;
  if (format === 'png') blob = await figureToPngBlob(fig);
  else if (format === 'svg')
    blob = new Blob([figureToSvgString(fig)], { type: 'image/svg+xml;charset=utf-8' });
  else blob = new Blob([fig.csv()], { type: 'text/csv;charset=utf-8' });
  downloadBlob(blob, `${name}.${format}`);
}

/** File-name-safe slug for a default export name. */
export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'figure'
  );
}
