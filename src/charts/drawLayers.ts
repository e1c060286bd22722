/**
 * Canvas 2-D rendering of dense trajectory layers: one beginPath/lineTo sequence per path layer;
 * point clouds are splatted into a hit-count buffer (see drawPoints).
 */
import { color as parseColor } from 'd3';

export interface CanvasLayer {
  xy: ArrayLike<number>;
  count: number;
  color: string;
  kind: 'path' | 'points';
  alpha: number;
  size: number;
}

/** Linear map data → CSS px: p = a + b·v. */
export interface Affine {
  ax: number;
  bx: number;
  ay: number;
  by: number;
}

/** Far-away coordinates are clamped so the rasteriser never sees huge numbers (still clipped). */
const LIM = 1e5;

/**
 * Draws all layers onto a canvas sized w×h CSS px at `dpr`. The canvas covers exactly the plot
 * area, so anything outside is clipped for free.
 */
export function drawLayers(
  canvas: HTMLCanvasElement,
  w: number,
  h: number,
  dpr: number,
  map: Affine,
  layers: CanvasLayer[],
) {
  const cw = Math.max(1, Math.round(w * dpr));
  const ch = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, cw, ch);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const { ax, bx, ay, by } = map;
  for (const layer of layers) {
    const { xy, color, alpha, size } = layer;
    const n = Math.min(layer.count, Math.floor(xy.length / 2));
    ctx.globalAlpha = alpha;
    if (layer.kind === 'points') {
      drawPoints(ctx, layer, n, cw, ch, dpr, map);
    } else {
      ctx.strokeStyle = color;
      ctx.lineWidth = size;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      ctx.beginPath();
      let pen = false;
      let lx = 0;
      let ly = 0;
      for (let i = 0; i < n; i++) {
        let px = ax + bx * xy[2 * i];
        let py = ay + by * xy[2 * i + 1];
        if (!Number.isFinite(px) || !Number.isFinite(py)) {
          pen = false;
          continue;
        }
        px = px > LIM ? LIM : px < -LIM ? -LIM : px;
        py = py > LIM ? LIM : py < -LIM ? -LIM : py;
        if (!pen) {
          ctx.moveTo(px, py);
          pen = true;
        } else if (i === n - 1 || Math.abs(px - lx) >= 0.3 || Math.abs(py - ly) >= 0.3) {
          // Sub-pixel steps add nothing visible but cost stroke time on 10^5-point paths.
          ctx.lineTo(px, py);
        } else continue;
        lx = px;
        ly = py;
      }
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}

interface SplatBuffers {
  counts: Uint16Array;
  image: ImageData;
  canvas: HTMLCanvasElement;
}

/** Per target canvas, so buffers are reused across frames instead of reallocated. */
const buffers = new WeakMap<HTMLCanvasElement, SplatBuffers>();

function splatBuffers(target: HTMLCanvasElement, cw: number, ch: number): SplatBuffers {
  let b = buffers.get(target);
  if (!b || b.image.width !== cw || b.image.height !== ch) {
    const canvas = document.createElement('canvas');
    canvas.width = cw;
    canvas.height = ch;
    b = { counts: new Uint16Array(cw * ch), image: new ImageData(cw, ch), canvas };
    buffers.set(target, b);
  }
  return b;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A point cloud has one colour and one alpha, so a pixel covered by m points has exactly colour c
 * and alpha 1-(1-a)^m. Counting hits and mapping counts through a table is ~5× faster than 10^5
 * fillRect calls on software-rasterised canvases, and identical in look. Falls back to fillRect for
 * big squares or unparsable colours.
 */
function drawPoints(
  ctx: CanvasRenderingContext2D,
  layer: CanvasLayer,
  n: number,
  cw: number,
  ch: number,
  dpr: number,
  map: Affine,
) {
  const { xy, size, alpha } = layer;
  const s = Math.max(1, Math.round(size * dpr));
  const dax = map.ax * dpr;
  const dbx = map.bx * dpr;
  const day = map.ay * dpr;
  const dby = map.by * dpr;
  const off = Math.floor(s / 2);
  const rgb = parseColor(layer.color)?.rgb();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (!rgb || s > 4 || typeof ImageData === 'undefined') {
    ctx.fillStyle = layer.color;
    for (let i = 0; i < n; i++) {
      const px = Math.round(dax + dbx * xy[2 * i]) - off;
      const py = Math.round(day + dby * xy[2 * i + 1]) - off;
      // NaN fails every comparison, so non-finite and off-canvas points are skipped by one test.
      if (px > -s && px < cw && py > -s && py < ch) ctx.fillRect(px, py, s, s);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return;
  }
  const { counts, image, canvas } = splatBuffers(ctx.canvas, cw, ch);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const px = Math.round(dax + dbx * xy[2 * i]) - off;
    const py = Math.round(day + dby * xy[2 * i + 1]) - off;
    if (!(px > -s && px < cw && py > -s && py < ch)) continue;
    const x0 = px < 0 ? 0 : px;
    const x1 = px + s > cw ? cw : px + s;
    const y1 = py + s > ch ? ch : py + s;
    for (let y = py < 0 ? 0 : py; y < y1; y++) {
      const row = y * cw;
      for (let x = x0; x < x1; x++) if (counts[row + x] < 65535) counts[row + x]++;
    }
  }
  // Packed RGBA per hit count; beyond ~255 hits the pixel is opaque for any useful alpha.
  const lut = new Uint32Array(256);
  const r = Math.round(rgb.r);
  const g = Math.round(rgb.g);
  const b = Math.round(rgb.b);
  for (let m = 1; m < 256; m++) {
    const a = Math.round(255 * (1 - Math.pow(1 - alpha, m)));
    lut[m] = littleEndian
      ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
      : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  }
  const px32 = new Uint32Array(image.data.buffer);
  for (let k = 0; k < counts.length; k++) {
    const m = counts[k];
    px32[k] = lut[m > 255 ? 255 : m];
  }
  const octx = canvas.getContext('2d');
  if (octx) {
    octx.putImageData(image, 0, 0);
    ctx.globalAlpha = 1; // alpha is already baked into the splatted pixels
    ctx.drawImage(canvas, 0, 0); // source-over keeps earlier layers underneath
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}
