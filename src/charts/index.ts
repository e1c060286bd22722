/** Public API of the chart kit. Charts are pure: they know nothing of any experiment. */
export { LineChart, type LineChartProps, type LineSeries } from './LineChart';
export { BarChart, type BarGroup, type BarOverlay } from './BarChart';
export { TrajectoryChart, type PathLayer, type EllipseOverlay, type MarkerOverlay } from './TrajectoryChart';

// The Plot frame and its marks, for figures the three charts above do not cover.
export { Plot } from './Plot';
export { layoutPlot } from './plotLayout';
export { ReadoutBox } from './Readout';
export type { LegendEntry } from './Legend';
export { LineMark } from './marks/LineMark';
export { CanvasPointsMark } from './marks/CanvasPointsMark';
export { HistogramMark } from './marks/HistogramMark';
export { HeatmapMark, ColorBarMark, COLOR_BAR_MARGIN } from './marks/HeatmapMark';
export { MarkerMark } from './marks/MarkerMark';
export { TextMark } from './marks/TextMark';
export { binValues, binHeight, histogramCsv } from './histogram';
export { makeColorScale, colorDomain, type ColorScheme } from './colorScale';
export { heatmapCsv, indexTicks } from './heatmap';
export { downloadBlob, toCsv } from './exportFigure';
export { ellipseAxes, type Cov2 } from './ellipse';
export { palette, colors, chrome, type Dash } from './theme';
export { formatValue } from './scales';
export { useStageHeight } from './stageContext';
