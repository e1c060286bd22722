/** Public API of the chart kit. Charts are pure: they know nothing of any experiment. */
export { LineChart, type LineChartProps, type LineSeries } from './LineChart';
export type { LineMarker } from './VerticalMarker';
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
export { palette, colors, font, chrome } from './theme';
export { formatValue } from './scales';
