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

/** Semantic colours so that every experiment means the same thing by the same hue. */
export const colors = {
  noisy: '#D55E00',
  clean: '#0072B2',
  theory: '#222222',
  cloud: '#56B4E9',
  marker: '#C0392B',
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

/** Height of the band above the plot holding the title and the export buttons. */
export const HEADER_HEIGHT = 28;

/** Approximate advance width of a character at `size` px in the UI sans-serif; used only for layout
 * (margins, tooltip boxes) so we never need to measure text in the DOM. */
export function approxTextWidth(text: string, size: number): number {
  return text.length * size * 0.58;
}

export function dashArray(dash: 'solid' | 'dashed' | 'dotted' | undefined, width = 1.5): string | undefined {
  if (dash === 'dashed') return `${6 * Math.max(1, width / 1.5)} ${4 * Math.max(1, width / 1.5)}`;
  if (dash === 'dotted') return `${Math.max(1, width)} ${2.5 * Math.max(1, width)}`;
  return undefined;
}
