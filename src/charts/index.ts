/** Public API of the chart kit. Charts are pure: they know nothing of any experiment. */
export { LineChart, lineChartCsv, type LineChartProps, type LineSeries } from './LineChart';
export { BarChart, type BarChartProps, type BarGroup, type BarOverlay } from './BarChart';
export { barChartCsv } from './bars';
export {
  TrajectoryChart,
  trajectoryCsv,
  type TrajectoryChartProps,
  type PathLayer,
  type EllipseOverlay,
  type MarkerOverlay,
} from './TrajectoryChart';

// The Plot frame and its marks, for figures the three charts above do not cover.
export { Plot, type PlotProps } from './Plot';
export { layoutPlot, type AxisSpec, type PlotLayout, type PlotSpec } from './plotLayout';
export { usePlot, type HoverPoint } from './plotContext';
export { ReadoutBox, type ReadoutRow } from './Readout';
export type { LegendEntry } from './Legend';
export { LineMark, type LineMarkProps } from './marks/LineMark';
export { BandMark, type BandMarkProps } from './marks/BandMark';
export { BarsMark, type BarsMarkProps } from './marks/BarsMark';
export { CanvasPointsMark, type CanvasLayerSpec } from './marks/CanvasPointsMark';
export { EllipseMark, type EllipseMarkProps } from './marks/EllipseMark';
export { HistogramMark, type HistogramMarkProps } from './marks/HistogramMark';
export { HeatmapMark, ColorBarMark, COLOR_BAR_MARGIN, type HeatmapMarkProps } from './marks/HeatmapMark';
export { MarkerMark, type LineMarker } from './marks/MarkerMark';
export { TextMark, type TextMarkProps } from './marks/TextMark';
export { binValues, binHeight, histogramCsv, sturgesBins, type Bin, type Histogram } from './histogram';
export { makeColorScale, colorDomain, matrixExtent, type ColorScale, type ColorScheme } from './colorScale';
export { heatmapCsv, indexTicks } from './heatmap';

export { ExportMenu, type ExportMenuProps } from './ExportMenu';
export {
  exportFigure,
  figureToSvgString,
  figureToPngBlob,
  downloadBlob,
  toCsv,
  addPngTextChunk,
  readPngTextChunks,
  crc32,
  formatParams,
  slugify,
  type ExportFormat,
  type FigureLayer,
  type FigureSource,
} from './exportFigure';
export { ellipseAxes, ellipsePoints, ellipseBounds, type Cov2, type EllipseAxes } from './ellipse';
export { palette, colors, font, chrome, type Dash } from './theme';
export { formatValue } from './scales';
