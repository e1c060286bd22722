/** Domain fitting, tick choice and number formatting shared by all charts (pure; d3 scales only). */
import { format, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';

export type ScaleKind = 'linear' | 'log';
export type Scale1D = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export interface Tick {
  value: number;
  /** Empty for minor ticks (drawn as faint grid lines only). */
  label: string;
  major: boolean;
}

/** Values a scale of this kind can show: finite, and positive for log. */
/** The decades a log axis may span: beyond them float64 underflows or overflows. */
const LOG_MIN = 1e-300;
const LOG_MAX = 1e300;

export function drawable(v: number, kind: ScaleKind): boolean {
  // On a log axis, values below 1e-300 (subnormals, underflowed errors) are off the drawable range.
  return kind === 'log' ? v >= LOG_MIN && v <= LOG_MAX : Number.isFinite(v);
}

/** Running [min, max] accumulator over drawable values; null while empty. */
export function extendExtent(
  ext: [number, number] | null,
  values: ArrayLike<number>,
  kind: ScaleKind,
  count = values.length,
  stride = 1,
  offset = 0,
): [number, number] | null {
  let lo = ext ? ext[0] : Infinity;
  let hi = ext ? ext[1] : -Infinity;
  for (let i = offset; i < count * stride; i += stride) {
    const v = values[i];
    if (!drawable(v, kind)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : ext;
}

/** Widens an empty or degenerate extent to something drawable. */
export function safeExtent(ext: [number, number] | null, kind: ScaleKind): [number, number] {
  if (!ext) return kind === 'log' ? [1, 10] : [0, 1];
  const [lo, hi] = ext;
  if (lo < hi) return [lo, hi];
  if (kind === 'log') return [lo / 2, lo * 2];
  const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - d, hi + d];
}

/** Pads an extent by `frac` of its span on each side (in log space for log scales). */
export function padExtent(ext: [number, number], kind: ScaleKind, frac: number): [number, number] {
  if (kind === 'log') {
    const a = Math.log10(ext[0]);
    const b = Math.log10(ext[1]);
    const p = (b - a) * frac;
    // Padding 1e-320 by a few decades underflows to 0, which a log scale cannot map.
    return [Math.max(10 ** (a - p), LOG_MIN), Math.min(10 ** (b + p), LOG_MAX)];
  }
  const p = (ext[1] - ext[0]) * frac;
  return [ext[0] - p, ext[1] + p];
}

/** Auto domain for line charts: nice round limits; whole decades for log axes spanning ≥ 1 decade. */
export function autoDomain(
  ext: [number, number] | null,
  kind: ScaleKind,
  tickCount: number,
): [number, number] {
  const e = safeExtent(ext, kind);
  if (kind === 'log') {
    const span = Math.log10(e[1]) - Math.log10(e[0]);
    if (span >= 1) {
      return [
        Math.max(10 ** Math.floor(Math.log10(e[0]) + 1e-9), LOG_MIN),
        Math.min(10 ** Math.ceil(Math.log10(e[1]) - 1e-9), LOG_MAX),
      ];
    }
    return padExtent(e, 'log', 0.05);
  }
  const d = scaleLinear().domain(e).nice(tickCount).domain();
  return [d[0], d[1]];
}

export function makeScale(kind: ScaleKind, domain: [number, number], range: [number, number]): Scale1D {
  return kind === 'log' ? scaleLog().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
  '−': '⁻',
};

/** "2.5e-5" → "2.5×10⁻⁵", "1e+6" → "10⁶": scientific notation as a lecturer would write it. */
export function prettyExponent(text: string): string {
  return text.replace(/^(.*?)e\+?([-−]?\d+)$/, (_m, mant: string, exp: string) => {
    const sup = exp.replace(/^([-−]?)0+(?=\d)/, '$1').replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
    // d3 writes zero as "0e+0" in exponent formats; a lecturer writes 0.
    if (/^[-−]?0(\.0*)?$/.test(mant)) return '0';
    return mant === '1' ? `10${sup}` : mant === '-1' || mant === '−1' ? `−10${sup}` : `${mant}×10${sup}`;
  });
}

const fmtValue = format('.4~g');

/** Compact value for tooltips and legends. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return prettyExponent(fmtValue(v));
}

/** Decade labels: plain numbers while every labelled decade is in 0.01…1000, else 10ᵏ for all. */
function logLabel(v: number, powerStyle: boolean): string {
  const k = Math.round(Math.log10(v));
  if (Math.abs(v - 10 ** k) <= 1e-9 * v) {
    return powerStyle ? prettyExponent(`1e${k}`) : format('~g')(10 ** k);
  }
  return prettyExponent(format('~g')(v));
}

/** Keeps labels of ticks at least `minGap` px apart; the rest become unlabeled minor ticks. */
function thinLabels(ticks: Tick[], scale: Scale1D, minGap: number): Tick[] {
  let last = -Infinity;
  return ticks.map((t) => {
    if (!t.major) return t;
    const p = scale(t.value);
    if (Math.abs(p - last) < minGap) return { ...t, label: '', major: false };
    last = p;
    return t;
  });
}

/**
 * Ticks for an axis `pixelLength` long, labels at least `minGap` px apart. Linear axes use d3's
 * 1-2-5 ticks; log axes label whole decades (every n-th if crowded) with 2..9 multiples as minor grid.
 */
export function computeTicks(scale: Scale1D, kind: ScaleKind, pixelLength: number, minGap: number): Tick[] {
  const target = Math.max(2, Math.floor(pixelLength / minGap));
  const [d0, d1] = scale.domain() as [number, number];
  let lo = Math.min(d0, d1);
  let hi = Math.max(d0, d1);
  // A non-finite domain has no ticks (and would loop forever below).
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (kind === 'log') {
    // A log domain that underflowed to 0 (or went negative) would make the decade loop start at
    // −Infinity and never end: clamp to the float64 decades that can be drawn.
    lo = Math.max(lo, LOG_MIN);
    hi = Math.min(Math.max(hi, lo * 10), LOG_MAX);
  }
  if (kind === 'linear') {
    const values = (scale as ScaleLinear<number, number>).ticks(target);
    const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
    const sci = maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3);
    const fmt = (scale as ScaleLinear<number, number>).tickFormat(target, sci ? '~e' : undefined);
    return values.map((v) => ({ value: v, label: prettyExponent(fmt(v)), major: true }));
  }
  const eps = 1e-9;
  const kLo = Math.ceil(Math.log10(lo) - eps);
  const kHi = Math.floor(Math.log10(hi) + eps);
  if (kHi - kLo >= 1) {
    const step = Math.max(1, Math.ceil((kHi - kLo + 1) / target));
    const powerStyle = kLo < -2 || kHi > 3;
    const ticks: Tick[] = [];
    for (let k = Math.floor(Math.log10(lo) - eps); k <= kHi; k++) {
      const v = 10 ** k;
      if (v >= lo * (1 - eps) && v <= hi * (1 + eps)) {
        const major = k % step === 0;
        ticks.push({ value: v, label: major ? logLabel(v, powerStyle) : '', major });
      }
      // Minor 2..9 multiples only while decades are wide enough to show them without clutter.
      if (step === 1 && pixelLength / (kHi - kLo + 1) > 40) {
        for (let m = 2; m <= 9; m++) {
          const mv = m * v;
          if (mv > lo && mv < hi) ticks.push({ value: mv, label: '', major: false });
        }
      }
    }
    return ticks;
  }
  // Less than two decades labelled: label 1-2-5 multiples, thinned to fit.
  const values = (scale as ScaleLogarithmic<number, number>).ticks(target * 2);
  const ticks = values.map((v) => {
    const m = Math.round(v / 10 ** Math.floor(Math.log10(v) + eps));
    const major = m === 1 || m === 2 || m === 5;
    return { value: v, label: major ? logLabel(v, false) : '', major };
  });
  // Within a single octave there may be no 1-2-5 value at all: then label whatever d3 offers.
  if (ticks.filter((t) => t.major).length < 2) {
    return thinLabels(
      values.map((v) => ({ value: v, label: logLabel(v, false), major: true })),
      scale,
      minGap,
    );
  }
  return thinLabels(ticks, scale, minGap);
}
