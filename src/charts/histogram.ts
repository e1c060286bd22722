/** Equal-width binning for histograms (pure; counts are exact, edges are shared by adjacent bins). */
import { toCsv } from './csv';

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

export interface Histogram {
  bins: Bin[];
  /** Values counted in some bin. */
  total: number;
  /** Values left out: not finite, or outside an explicit domain. */
  dropped: number;
}

/** Sturges' rule: enough bins to show the shape of a roughly normal sample without noise. */
export function sturgesBins(n: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(1, n)) + 1));
}

/**
 * Bins [x0, x1) of equal width over `domain` (default: the finite values' range); the last bin
 * includes its right edge, so the maximum is counted.
 */
export function binValues(
  values: ArrayLike<number>,
  opts: { bins?: number; domain?: [number, number] } = {},
): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (opts.domain) [lo, hi] = [Math.min(...opts.domain), Math.max(...opts.domain)];
  else if (!(lo <= hi)) [lo, hi] = [0, 1];
  // A constant sample still gets a bar of visible width.
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const k = Math.max(1, Math.floor(opts.bins ?? sturgesBins(finite)));
  const edge = (i: number) => (i === k ? hi : lo + ((hi - lo) * i) / k);
  const bins: Bin[] = Array.from({ length: k }, (_, i) => ({ x0: edge(i), x1: edge(i + 1), count: 0 }));
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    let b = Math.min(k - 1, Math.floor(((v - lo) / (hi - lo)) * k));
    // The division can land one bin off an edge by round-off; the edges themselves decide.
    if (b > 0 && v < bins[b].x0) b--;
    else if (b < k - 1 && v >= bins[b].x1) b++;
    bins[b].count++;
    total++;
  }
  return { bins, total, dropped: values.length - total };
}

export type HistogramScale = 'count' | 'fraction' | 'density';

/** Bar height: the count, its share of all counted values, or a density (share per unit of x). */
export function binHeight(bin: Bin, total: number, scale: HistogramScale): number {
  if (scale === 'count') return bin.count;
  const share = total > 0 ? bin.count / total : 0;
  return scale === 'fraction' ? share : share / (bin.x1 - bin.x0);
}

export function histogramCsv(h: Histogram, params: Record<string, unknown>): string {
  return toCsv(
    {
      x0: h.bins.map((b) => b.x0),
      x1: h.bins.map((b) => b.x1),
      count: h.bins.map((b) => b.count),
    },
    params,
    [`${h.total} values counted, ${h.dropped} left out (not finite or outside the bins)`],
  );
}
