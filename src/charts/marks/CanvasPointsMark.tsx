import { useLayoutEffect, useRef } from 'react';
import { drawLayer, drawSharedPaths, pathBacklog, type CanvasLayer } from '../drawLayers';
import { usePlot } from '../plotContext';

export interface CanvasLayerSpec {
  /**
   * Interleaved x0,y0,x1,y1,… in data units. A path layer is append-only while the same array is
   * passed (only new points are drawn); pass a new array, or fewer points, to redraw it.
   */
  xy: ArrayLike<number>;
  /** Number of points to use; default xy.length/2. */
  count?: number;
  color: string;
  kind: 'path' | 'points';
  alpha?: number;
  /** Line width (path) or square side (points), CSS px. */
  size?: number;
}

// 3000 keeps a frame of four such charts well under 200 ms of raster on a loaded 2-core machine (5000
// gave 210–220 ms tasks there in a full e2e run).
const pathPointsPerFrame = 3000;

/**
 * Above this many path layers they share one canvas (drawSharedPaths): a canvas each costs ~1 ms to
 * allocate, and a chart of 200 round fits spent 230 ms doing so in one task.
 */
const maxPathCanvases = 16;

export const layerCount = (l: CanvasLayerSpec) =>
  Math.max(0, Math.min(l.count ?? Infinity, Math.floor(l.xy.length / 2)));
export const layerAlpha = (l: CanvasLayerSpec) => l.alpha ?? (l.kind === 'points' ? 0.35 : 0.9);
const layerSize = (l: CanvasLayerSpec) => l.size ?? (l.kind === 'points' ? 2 : 1.25);

/**
 * Dense 2-D data (10⁵ chain samples, 10⁶-step paths) on canvases covering exactly the plot area: SVG
 * would choke on it. One canvas per layer, stacked in order; a path canvas is drawn opaque and shown
 * with CSS opacity (export reads it back the same way). Goes in Plot's `canvas` slot; linear axes only.
 */
export function CanvasPointsMark({ layers }: { layers: CanvasLayerSpec[] }) {
  const { layout } = usePlot();
  const { x, y, frame } = layout;
  const refs = useRef<(HTMLCanvasElement | null)[]>([]);
  const shared = layers.filter((l) => l.kind === 'path').length > maxPathCanvases;
  // One canvas per layer, or (shared) one for every path layer, first, then one per points layer.
  const slots: CanvasLayerSpec[][] = shared
    ? [layers.filter((l) => l.kind === 'path'), ...layers.filter((l) => l.kind !== 'path').map((l) => [l])]
    : layers.map((l) => [l]);
  useLayoutEffect(() => {
    const ax = x(0);
    const ay = y(0);
    const map = { ax, bx: x(1) - ax, ay, by: y(1) - ay };
    const dpr = window.devicePixelRatio || 1;
    const spec = (l: CanvasLayerSpec): CanvasLayer => ({
      xy: l.xy,
      count: layerCount(l),
      color: l.color,
      kind: l.kind,
      alpha: layerAlpha(l),
      size: layerSize(l),
    });
    let raf = 0;
    // Path points stroked per animation frame, over all this mark's layers: ~3000 segments rasterise
    // in tens of ms on a software canvas; a long path that arrives at once is finished in later frames.
    const draw = () => {
      let budget = pathPointsPerFrame;
      let left = 0;
      slots.forEach((slot, i) => {
        const canvas = refs.current[i];
        if (!canvas) return;
        if (shared && i === 0) {
          drawSharedPaths(canvas, frame.plotW, frame.plotH, dpr, map, slot.map(spec));
          return;
        }
        const l = slot[0];
        budget -= drawLayer(canvas, frame.plotW, frame.plotH, dpr, map, spec(l), Math.max(budget, 0));
        if (l.kind === 'path') left += pathBacklog(canvas, l.xy, layerCount(l));
      });
      raf = left > 0 ? requestAnimationFrame(draw) : 0;
    };
    draw();
    return () => cancelAnimationFrame(raf);
  });
  return (
    <>
      {slots.map((slot, i) => (
        <canvas
          key={shared && i === 0 ? 'paths' : i}
          ref={(el) => {
            refs.current[i] = el;
          }}
          data-plot-canvas=""
          data-layer-kind={shared && i === 0 ? 'paths' : slot[0].kind}
          style={{
            position: 'absolute',
            display: 'block',
            left: frame.left,
            top: frame.top,
            width: frame.plotW,
            height: frame.plotH,
            // Points bake alpha into their pixels, and so does the shared path canvas; a path canvas of
            // its own is an opaque stroke shown at the layer's alpha.
            opacity: !(shared && i === 0) && slot[0].kind === 'path' ? layerAlpha(slot[0]) : 1,
            pointerEvents: 'none',
          }}
        />
      ))}
    </>
  );
}
