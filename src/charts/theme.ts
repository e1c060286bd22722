/** Shared visual language for every chart: one palette, one font, one set of greys. */

/** Eight colours that stay distinguishable on a projector and for common colour-vision deficiencies
 * (Okabe–Ito inspired, darkened slightly so thin lines read on white). */
export const palette: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // green
  '#CC79A7', // purple-pink
  '#E69F00', // orange
  '#56B4E9', // sky
  '#7A5195', // violet
  '#444444', // charcoal
];

/**
 * Colours by role, so that every experiment means the same thing by the same hue (Okabe–Ito hues,
 * safe for the common colour-vision deficiencies). Roles that share a chart get distinct hues:
 * measured / theory / reference / sample / marker; normalTraining / selfDistillation; teacher /
 * student. Roles that never meet may share one (normalTraining is the blue of measured).
 */
export const colors = {
  /** The live measurement: an empirical curve, a simulated path. */
  measured: '#0072B2',
  /** Exact theory drawn over the measurement. */
  theory: '#222222',
  /** A baseline or ground truth to compare against: noise-free run, initial state, threshold. */
  reference: '#6E6E6E',
  /** Clouds of independent samples (chains): orange, the strongest contrast to measured blue. */
  sample: '#E69F00',
  teacher: '#C98300',
  student: '#009E73',
  normalTraining: '#0072B2',
  selfDistillation: '#D55E00',
  /** Draggable markers and highlighted points (reddish purple, darkened to read as a thin line). */
  marker: '#B4488C',
} as const;

export const font = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  tick: 12,
  label: 13,
  title: 14,
  legend: 11,
} as const;

export const chrome = {
  background: '#ffffff',
  grid: '#e6e8eb',
  gridMinor: '#f2f3f5',
  axis: '#555555',
  text: '#222222',
  mutedText: '#555555',
  legendBackground: 'rgba(255,255,255,0.88)',
  legendBorder: '#d0d4d9',
} as const;

/** Bold label with a white halo, readable over dense data (marker and annotation labels). */
export const haloLabel = {
  fontFamily: font.family,
  fontSize: font.legend + 1,
  fontWeight: 600,
  stroke: chrome.background,
  strokeWidth: 3,
  strokeLinejoin: 'round',
  paintOrder: 'stroke',
} as const;

/** Below this chart width the header's four buttons fold into one "Data ▾" menu, leaving the title room. */
const COMPACT_MENU_BELOW = 480;
/** …and below this one when a fifth button (Import) is offered: its 58 px come out of the title's room. */
const COMPACT_MENU_WITH_IMPORT_BELOW = 560;
/** The buttons fold into one menu at this chart width. */
export const compactMenu = (chartWidth: number, withImport = false) =>
  chartWidth < (withImport ? COMPACT_MENU_WITH_IMPORT_BELOW : COMPACT_MENU_BELOW);
/** Header width the buttons take: four (PNG, SVG, CSV, Table; a fifth, Import, where offered) or the menu button. */
export const menuWidth = (chartWidth: number, withImport = false) =>
  compactMenu(chartWidth, withImport) ? 62 : withImport ? 240 : 182;

/** Height of the band above the plot holding the title and the export buttons. */
export const HEADER_HEIGHT = 28;

/** Approximate advance width of a character at `size` px in the UI sans-serif; used only for layout
 * (margins, tooltip boxes) so we never need to measure text in the DOM. */
export function approxTextWidth(text: string, size: number): number {
  return text.length * size * 0.58;
}

export type Dash = 'solid' | 'dashed' | 'dotted' | 'dashdot';

export function dashArray(dash: Dash | undefined, width = 1.5): string | undefined {
  if (dash === 'dashed') return `${6 * Math.max(1, width / 1.5)} ${4 * Math.max(1, width / 1.5)}`;
  if (dash === 'dotted') return `${Math.max(1, width)} ${2.5 * Math.max(1, width)}`;
  if (dash === 'dashdot') {
    const k = Math.max(1, width / 1.5);
    return `${7 * k} ${3 * k} ${1.5 * k} ${3 * k}`;
  }
  return undefined;
}
