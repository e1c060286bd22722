/**
 * Layout of one plot frame (pure): domains → scales → ticks → margins. Computed once per figure and
 * shared by every mark through the Plot context, so all marks agree to the pixel.
 */
import { fitRight, frameFor, plotHeight, RIGHT, xTicksFor, yTicksFor, type PlotFrame } from './Axes';
import { makeScale, type Scale1D, type ScaleKind, type Tick } from './scales';

interface AxisSpec {
  label: string;
  kind?: ScaleKind;
  /**
   * A fixed domain, or one chosen from the axis length in px (auto domains size their tick count
   * by it). A reversed domain ([n, 0]) flips the axis, e.g. matrix rows counted downwards.
   */
  domain: [number, number] | ((pixelLength: number) => [number, number]);
  /** Label whole numbers only (counts: rounds, epochs), since "round 0.5" means nothing. */
  integerTicks?: boolean;
  /** Explicit ticks (category axes), given the final scale and axis length; default: computed. */
  ticks?: (scale: Scale1D, pixelLength: number) => Tick[];
  /** Grid lines when they differ from the ticks (separators between categories). */
  grid?: (scale: Scale1D, pixelLength: number) => Tick[];
}

export interface PlotSpec {
  width: number;
  height: number;
  x: AxisSpec;
  y: AxisSpec;
  /** One data unit spans equally many px on both axes (grows one domain about its centre). */
  equalAspect?: boolean;
  /** Extra px kept free right of the plot, e.g. for a colour bar. */
  rightMargin?: number;
}

export interface PlotLayout {
  width: number;
  height: number;
  frame: PlotFrame;
  x: Scale1D;
  y: Scale1D;
  xKind: ScaleKind;
  yKind: ScaleKind;
  xTicks: Tick[];
  yTicks: Tick[];
  xGrid: Tick[];
  yGrid: Tick[];
  xLabel: string;
  yLabel: string;
}

/** Grows one axis' domain (about its centre) so one data unit spans equally many px on both axes. */
function equalize(x: [number, number], y: [number, number], w: number, h: number) {
  const sx = x[1] - x[0];
  const sy = y[1] - y[0];
  const u = Math.max(Math.abs(sx) / w, Math.abs(sy) / h);
  const cx = (x[0] + x[1]) / 2;
  const cy = (y[0] + y[1]) / 2;
  // Keep each axis' orientation: a reversed (top-down) y stays reversed.
  const hx = (Math.sign(sx) || 1) * ((u * w) / 2);
  const hy = (Math.sign(sy) || 1) * ((u * h) / 2);
  return { x: [cx - hx, cx + hx] as [number, number], y: [cy - hy, cy + hy] as [number, number] };
}

const resolve = (a: AxisSpec, len: number) => (typeof a.domain === 'function' ? a.domain(len) : a.domain);

export function layoutPlot(spec: PlotSpec): PlotLayout {
  const { width, height, equalAspect } = spec;
  const xKind = spec.x.kind ?? 'linear';
  const yKind = spec.y.kind ?? 'linear';
  const right = RIGHT + (spec.rightMargin ?? 0);
  const plotH = plotHeight(height);
  const yTicksOf = (s: Scale1D) => (spec.y.ticks ? spec.y.ticks(s, plotH) : yTicksFor(s, yKind, plotH));
  const xTicksOf = (s: Scale1D, len: number) => {
    const t = spec.x.ticks ? spec.x.ticks(s, len) : xTicksFor(s, xKind, len);
    if (!spec.x.integerTicks) return t;
    // Labels were formatted for the finer step that included the halves: drop their ".0".
    return t
      .filter((k) => Number.isInteger(k.value))
      .map((k) => ({ ...k, label: k.label.replace(/\.0+(?=$|×)/, '') }));
  };

  // The y labels set the left margin, which sets the plot width, which sets x (and y too, when the
  // aspect is fixed: hence a second pass there).
  let yDom = resolve(spec.y, plotH);
  let y = makeScale(yKind, yDom, [plotH, 0]);
  let frame = frameFor(width, height, yTicksOf(y), right);
  let xDom = resolve(spec.x, frame.plotW);
  if (equalAspect) {
    const given = { x: xDom, y: yDom };
    yDom = equalize(given.x, given.y, frame.plotW, plotH).y;
    y = makeScale(yKind, yDom, [plotH, 0]);
    frame = frameFor(width, height, yTicksOf(y), right);
    ({ x: xDom, y: yDom } = equalize(given.x, given.y, frame.plotW, plotH));
    y = makeScale(yKind, yDom, [plotH, 0]);
  }
  let x = makeScale(xKind, xDom, [0, frame.plotW]);
  let xTicks = xTicksOf(x, frame.plotW);
  if (!equalAspect) {
    // Make room for a last x label that would overhang the right edge.
    const fitted = fitRight(frame, x, xTicks);
    if (fitted !== frame) {
      frame = fitted;
      x = makeScale(xKind, xDom, [0, frame.plotW]);
      xTicks = xTicksOf(x, frame.plotW);
    }
  }
  const yTicks = yTicksOf(y);
  return {
    width,
    height,
    frame,
    x,
    y,
    xKind,
    yKind,
    xTicks,
    yTicks,
    xGrid: spec.x.grid ? spec.x.grid(x, frame.plotW) : xTicks,
    yGrid: spec.y.grid ? spec.y.grid(y, plotH) : yTicks,
    xLabel: spec.x.label,
    yLabel: spec.y.label,
  };
}
