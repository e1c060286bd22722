import {
  useCallback,
  useId,
  useMemo,
  useRef,
  useState,
  type PointerEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { AxisFrame, Grid, Title } from './Axes';
import { ChartShell, type ImportTarget } from './ChartShell';
import { toCsv, type FigureLayer, type FigureSource } from './exportFigure';
import { Legend, LegendRemoveButtons, legendSize, type LegendEntry } from './Legend';
import { cornerRect, pickLegendCorner, type Obstacles } from './legendPlacement';
import { PlotContext, type HoverPoint, type PlotContextValue } from './plotContext';
import type { PlotLayout } from './plotLayout';
import { chrome } from './theme';

export interface PlotProps {
  /** From layoutPlot(): scales, ticks and margins every mark inside shares. */
  layout: PlotLayout;
  title?: string;
  /** File name of exports without extension; default: the title, slugified. */
  exportName?: string;
  /** Written into every export (PNG tEXt, SVG metadata, CSV comments) and as a caption. */
  exportParams?: Record<string, unknown>;
  testId?: string;
  /** The figure's stable id in its experiment's definition (`figures`): on the root as `data-figure-id`. */
  figureId?: string;
  /** The figure's data as CSV, given the params (toCsv writes them as comments); default: params only. */
  csv?: (params: Record<string, unknown>) => string;
  legend?: LegendEntry[];
  /** Pixel data the legend should not hide: it takes the emptiest corner (top-right unless worse). */
  legendAvoid?: Obstacles;
  /** Canvas marks (CanvasPointsMark): drawn between the grid and the SVG marks. */
  canvas?: ReactNode;
  /** Data marks, clipped to the plot area. */
  children?: ReactNode;
  /** Unclipped marks above everything, pointer layer included: draggable markers, colour bars. */
  front?: ReactNode;
  /** Hover readout drawn above the marks, given the pointer in plot px; enables pointer tracking. */
  readout?: (hover: HoverPoint) => ReactNode;
  /** Hover highlight drawn beneath the marks (e.g. a shaded bar slot). */
  highlight?: (hover: HoverPoint) => ReactNode;
  /** Told where the pointer is over the plot (null: it left), e.g. to link the nearest curve's term. */
  onHover?: (hover: HoverPoint | null) => void;
  /** the figure's root element (a chart finds its place among its figure's charts by it) */
  rootRef?: Ref<HTMLDivElement>;
  /** offers "Import run…" in the export menu: a file's run drawn over this chart */
  importRun?: ImportTarget;
}

const NO_OBSTACLES: Obstacles = { lines: [], points: [] };
const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);

/**
 * The one frame every figure is drawn in: white shell with title and export buttons, grid, clip
 * path, axes, legend, hover readout and export. Marks are children and read the scales from context.
 * With canvas marks the frame splits into an SVG below (grid) and one above (marks, axes), so that
 * export can stack the layers exactly as on screen.
 */
export function Plot(props: PlotProps) {
  const { layout, title, exportName, exportParams, testId, figureId, csv, legend, legendAvoid } = props;
  const { canvas, children, front, readout, highlight, rootRef, importRun, onHover } = props;
  const { width, height, frame, x, y } = layout;
  const underRef = useRef<SVGSVGElement>(null);
  const overRef = useRef<SVGSVGElement>(null);
  const clipId = `plot-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [hover, setHover] = useState<HoverPoint | null>(null);
  const split = canvas !== undefined && canvas !== null && canvas !== false;
  const tracking = readout !== undefined || highlight !== undefined || onHover !== undefined;

  // The corner is judged on the legend's size, not its text: an entry whose text changes every frame
  // (a step count) keeps its corner without scoring every segment of the data again.
  const size = legend && legend.length > 0 ? legendSize(legend) : null;
  const [lw, lh] = [size?.w ?? 0, size?.h ?? 0];
  const corner = useMemo(
    () => (lw > 0 ? pickLegendCorner(frame.plotW, frame.plotH, lw, lh, legendAvoid ?? NO_OBSTACLES) : null),
    [lw, lh, legendAvoid, frame.plotW, frame.plotH],
  );
  const placed = useMemo(
    () => (corner ? { corner, rect: cornerRect(corner, frame.plotW, frame.plotH, lw, lh) } : null),
    [corner, lw, lh, frame.plotW, frame.plotH],
  );

  const ctx = useMemo(
    (): PlotContextValue => ({ layout, legendRect: placed?.rect ?? null, setHover }),
    [layout, placed],
  );

  const getFigure = useCallback((): FigureSource | null => {
    const over = overRef.current;
    if (!over) return null;
    const layers: FigureLayer[] = [];
    if (underRef.current) layers.push({ kind: 'svg', element: underRef.current });
    // Canvas marks in DOM (= stacking) order, each covering exactly the plot area.
    over.parentElement?.querySelectorAll<HTMLCanvasElement>('canvas[data-plot-canvas]').forEach((c) =>
      layers.push({
        kind: 'canvas',
        element: c,
        x: frame.left,
        y: frame.top,
        width: frame.plotW,
        height: frame.plotH,
        opacity: c.style.opacity === '' ? 1 : Number(c.style.opacity),
      }),
    );
    layers.push({ kind: 'svg', element: over });
    const params = exportParams ?? {};
    return { width, height, layers, params, csv: () => (csv ? csv(params) : toCsv({}, params)) };
  }, [width, height, frame, exportParams, csv]);

  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const h = { px: clamp(e.clientX - r.left, frame.plotW), py: clamp(e.clientY - r.top, frame.plotH) };
    setHover(h);
    onHover?.(h);
  };
  const onLeave = () => {
    setHover(null);
    onHover?.(null);
  };

  const grid = (
    <Grid xTicks={layout.xGrid} yTicks={layout.yGrid} x={x} y={y} plotW={frame.plotW} plotH={frame.plotH} />
  );
  const translate = `translate(${frame.left},${frame.top})`;
  const abs = { position: 'absolute', left: 0, top: 0, display: 'block' } as const;
  return (
    <PlotContext.Provider value={ctx}>
      <ChartShell {...{ width, height, title, exportName, testId, figureId, getFigure, rootRef, importRun }}>
        {split && (
          <svg ref={underRef} width={width} height={height} style={abs}>
            <rect width={width} height={height} fill={chrome.background} />
            <g transform={translate}>{grid}</g>
          </svg>
        )}
        {split && canvas}
        <svg ref={overRef} width={width} height={height} style={split ? abs : { display: 'block' }}>
          {!split && <rect width={width} height={height} fill={chrome.background} />}
          <Title title={title} width={width} withImport={importRun !== undefined} />
          <defs>
            <clipPath id={clipId}>
              <rect x={-1} y={-2} width={frame.plotW + 2} height={frame.plotH + 4} />
            </clipPath>
          </defs>
          <g transform={translate}>
            {!split && grid}
            {hover && highlight?.(hover)}
            <g clipPath={`url(#${clipId})`}>{children}</g>
            <AxisFrame
              xTicks={layout.xTicks}
              yTicks={layout.yTicks}
              x={x}
              y={y}
              frame={frame}
              xLabel={layout.xLabel}
              yLabel={layout.yLabel}
            />
            {placed && legend && (
              <Legend entries={legend} corner={placed.corner} plotW={frame.plotW} plotH={frame.plotH} />
            )}
            {hover && readout?.(hover)}
            {tracking && (
              <rect
                width={frame.plotW}
                height={frame.plotH}
                fill="transparent"
                data-export="ignore"
                onPointerMove={onMove}
                onPointerLeave={onLeave}
              />
            )}
            {placed && legend && (
              <LegendRemoveButtons
                entries={legend}
                corner={placed.corner}
                plotW={frame.plotW}
                plotH={frame.plotH}
              />
            )}
            {front}
          </g>
        </svg>
      </ChartShell>
    </PlotContext.Provider>
  );
}
