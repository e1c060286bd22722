/**
 * Canvas 2-D rendering of dense trajectory layers, one canvas per layer so each can be drawn the cheap
 * way: a path is append-only (only the segments added since the last frame are stroked; the canvas
 * keeps the rest), a point cloud is splatted into a hit-count buffer and written with one putImageData.
 * Re-stroking a 10⁴-point path on every frame cost seconds of compositor commit per second of run on
 * software-rasterised canvases; appending costs a few segments per frame.
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

/** What a path canvas already shows, so the next frame can append to it. */
interface PathState {
  key: string;
  xy: ArrayLike<number>;
  drawn: number;
  pen: boolean;
  lx: number;
  ly: number;
}
/** What a points canvas shows now: its snapshot array and everything else that sets its pixels. */
const pointStates = new WeakMap<HTMLCanvasElement, { key: string; xy: ArrayLike<number> }>();
const pathStates = new WeakMap<HTMLCanvasElement, PathState>();

function sizeCanvas(canvas: HTMLCanvasElement, w: number, h: number, dpr: number): [number, number] {
  const cw = Math.max(1, Math.round(w * dpr));
  const ch = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== cw) canvas.width = cw;
  if (canvas.height !== ch) canvas.height = ch;
  return [cw, ch];
}

/**
 * Draws one layer onto its own canvas (w×h CSS px at `dpr`, covering exactly the plot area, so anything
 * outside is clipped for free). A path layer is drawn opaque and appended to while the same `xy` array
 * grows under the same mapping; the caller shows it with CSS opacity = alpha, so overlaps between frames
 * do not darken. At most `budget` new path points are stroked per call (`pathBacklog` says what is
 * left): a 10⁶-step path arriving in one frame is drawn over a few frames, not in one long task.
 * Returns the number of path points stroked (for tests and the bench).
 */
export function drawLayer(
  canvas: HTMLCanvasElement,
  w: number,
  h: number,
  dpr: number,
  map: Affine,
  layer: CanvasLayer,
  budget = Infinity,
): number {
  const [cw, ch] = sizeCanvas(canvas, w, h, dpr);
  const n = Math.min(layer.count, Math.floor(layer.xy.length / 2));
  if (layer.kind === 'points') {
    // CPU-backed: the cloud is written with putImageData, and only when it changed (a new snapshot, a
    // new scale or look): a re-render for a slider that only restarts the run leaves it as it is.
    const key = [cw, ch, dpr, map.ax, map.bx, map.ay, map.by, layer.color, layer.size, layer.alpha, n].join(
      '|',
    );
    const drawn = pointStates.get(canvas);
    if (drawn && drawn.key === key && drawn.xy === layer.xy) return 0;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx) {
      drawPoints(ctx, layer, n, cw, ch, dpr, map);
      pointStates.set(canvas, { key, xy: layer.xy });
    }
    return 0;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  const key = [cw, ch, dpr, map.ax, map.bx, map.ay, map.by, layer.color, layer.size].join('|');
  let st = pathStates.get(canvas);
  if (!st || st.key !== key || st.xy !== layer.xy || n < st.drawn) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, cw, ch);
    st = { key, xy: layer.xy, drawn: 0, pen: false, lx: 0, ly: 0 };
    pathStates.set(canvas, st);
  }
  if (n <= st.drawn) return 0;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = layer.color;
  ctx.lineWidth = layer.size;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  const { ax, bx, ay, by } = map;
  const xy = layer.xy;
  // Continue from the last point drawn, so the new piece joins the old one.
  if (st.pen) ctx.moveTo(st.lx, st.ly);
  const from = st.drawn;
  const to = Math.min(n, from + Math.max(1, budget));
  for (let i = from; i < to; i++) {
    let px = ax + bx * xy[2 * i];
    let py = ay + by * xy[2 * i + 1];
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      st.pen = false;
      continue;
    }
    px = px > LIM ? LIM : px < -LIM ? -LIM : px;
    py = py > LIM ? LIM : py < -LIM ? -LIM : py;
    if (!st.pen) {
      ctx.moveTo(px, py);
      st.pen = true;
    } else if (i === to - 1 || Math.abs(px - st.lx) >= 0.3 || Math.abs(py - st.ly) >= 0.3) {
      // Sub-pixel steps add nothing visible but cost stroke time on 10^5-point paths.
      ctx.lineTo(px, py);
    } else continue;
    st.lx = px;
    st.ly = py;
  }
  ctx.stroke();
  st.drawn = to;
  return to - from;
}

/** What a shared path canvas shows: the layers' arrays and everything else that sets its pixels. */
const sharedStates = new WeakMap<HTMLCanvasElement, { key: string; xys: ArrayLike<number>[] }>();

/**
 * Many path layers (a fit per round: up to 200) on ONE canvas, each stroked at its own alpha: a canvas
 * per layer cost ~1 ms apiece to allocate on a software canvas (230 ms in one task for 200). Redrawn
 * whole, and only when a layer's array, count or look, or the mapping changed. Returns the points stroked.
 */
export function drawSharedPaths(
  canvas: HTMLCanvasElement,
  w: number,
  h: number,
  dpr: number,
  map: Affine,
  layers: CanvasLayer[],
): number {
  const [cw, ch] = sizeCanvas(canvas, w, h, dpr);
  const key = [cw, ch, dpr, map.ax, map.bx, map.ay, map.by]
    .map(String)
    .concat(layers.map((l) => `${l.color},${l.size},${l.alpha},${l.count}`))
    .join('|');
  const st = sharedStates.get(canvas);
  if (st && st.key === key && st.xys.every((xy, i) => xy === layers[i].xy)) return 0;
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, cw, ch);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  const { ax, bx, ay, by } = map;
  let stroked = 0;
  for (const l of layers) {
    const n = Math.min(l.count, Math.floor(l.xy.length / 2));
    ctx.globalAlpha = l.alpha;
    ctx.strokeStyle = l.color;
    ctx.lineWidth = l.size;
    ctx.beginPath();
    let pen = false;
    let lx = 0;
    let ly = 0;
    for (let i = 0; i < n; i++) {
      let px = ax + bx * l.xy[2 * i];
      let py = ay + by * l.xy[2 * i + 1];
      if (!Number.isFinite(px) || !Number.isFinite(py)) {
        pen = false;
        continue;
      }
      px = px > LIM ? LIM : px < -LIM ? -LIM : px;
      py = py > LIM ? LIM : py < -LIM ? -LIM : py;
      if (!pen) ctx.moveTo(px, py);
      else if (i === n - 1 || Math.abs(px - lx) >= 0.3 || Math.abs(py - ly) >= 0.3) ctx.lineTo(px, py);
      else continue;
      pen = true;
      lx = px;
      ly = py;
    }
    ctx.stroke();
    stroked += n;
  }
  ctx.globalAlpha = 1;
  sharedStates.set(canvas, { key, xys: layers.map((l) => l.xy) });
  return stroked;
}

/** Path points of `xy` not yet stroked on `canvas` (0 when it is not a path canvas of that array). */
export function pathBacklog(canvas: HTMLCanvasElement, xy: ArrayLike<number>, count: number): number {
  const st = pathStates.get(canvas);
  if (!st || st.xy !== xy) return 0;
  return Math.max(0, Math.min(count, Math.floor(xy.length / 2)) - st.drawn);
}

/**
 * Per target canvas, reused across frames: hit counts, the pixels, and the list of pixels the last
 * frame touched, so a frame clears and colours only those (10⁴ points touch far fewer pixels than the
 * canvas has).
 */
interface Splat {
  counts: Uint16Array;
  image: ImageData;
  px32: Uint32Array;
  touched: Int32Array;
  nTouched: number;
}
const buffers = new WeakMap<HTMLCanvasElement, Splat>();

function splatBuffers(target: HTMLCanvasElement, cw: number, ch: number): Splat {
  let b = buffers.get(target);
  if (!b || b.image.width !== cw || b.image.height !== ch) {
    const image = new ImageData(cw, ch);
    b = {
      counts: new Uint16Array(cw * ch),
      image,
      px32: new Uint32Array(image.data.buffer),
      touched: new Int32Array(1024),
      nTouched: 0,
    };
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
    ctx.clearRect(0, 0, cw, ch);
    ctx.globalAlpha = alpha;
    ctx.fillStyle = layer.color;
    for (let i = 0; i < n; i++) {
      const px = Math.round(dax + dbx * xy[2 * i]) - off;
      const py = Math.round(day + dby * xy[2 * i + 1]) - off;
      // NaN fails every comparison, so non-finite and off-canvas points are skipped by one test.
      if (px > -s && px < cw && py > -s && py < ch) ctx.fillRect(px, py, s, s);
    }
    ctx.globalAlpha = 1;
    return;
  }
  const sp = splatBuffers(ctx.canvas, cw, ch);
  const { counts, px32 } = sp;
  // Undo the previous frame: only the pixels it touched.
  for (let k = 0; k < sp.nTouched; k++) {
    counts[sp.touched[k]] = 0;
    px32[sp.touched[k]] = 0;
  }
  sp.nTouched = 0;
  for (let i = 0; i < n; i++) {
    const px = Math.round(dax + dbx * xy[2 * i]) - off;
    const py = Math.round(day + dby * xy[2 * i + 1]) - off;
    if (!(px > -s && px < cw && py > -s && py < ch)) continue;
    const x0 = px < 0 ? 0 : px;
    const x1 = px + s > cw ? cw : px + s;
    const y1 = py + s > ch ? ch : py + s;
    for (let y = py < 0 ? 0 : py; y < y1; y++) {
      const row = y * cw;
      for (let x = x0; x < x1; x++) {
        const k = row + x;
        if (counts[k] === 0) {
          if (sp.nTouched === sp.touched.length) {
            const grown = new Int32Array(sp.touched.length * 2);
            grown.set(sp.touched);
            sp.touched = grown;
          }
          sp.touched[sp.nTouched++] = k;
        }
        if (counts[k] < 65535) counts[k]++;
      }
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
  for (let j = 0; j < sp.nTouched; j++) {
    const k = sp.touched[j];
    const m = counts[k];
    px32[k] = lut[m > 255 ? 255 : m];
  }
  const image = sp.image;
  // The layer has its own canvas: write the pixels directly (alpha is baked in).
  ctx.putImageData(image, 0, 0);
}
