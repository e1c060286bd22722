/** Cell geometry, index ticks and CSV for matrix heatmaps (pure). */
import { toCsv } from './csv';
import type { ColorScale } from './colorScale';
import type { Tick } from './scales';

export interface HeatCell {
  row: number;
  col: number;
  value: number;
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

/**
 * Entry (i, j) fills [j, j+1] × [i, i+1] in data units, so a plot with x domain [0, cols] and y
 * domain [rows, 0] shows the matrix as printed: row 0 on top.
 */
export function heatmapCells(
  rows: readonly ArrayLike<number>[],
  x: (v: number) => number,
  y: (v: number) => number,
  color: ColorScale,
): HeatCell[] {
  const cells: HeatCell[] = [];
  rows.forEach((row, i) => {
    const ya = y(i);
    const yb = y(i + 1);
    for (let j = 0; j < row.length; j++) {
      const xa = x(j);
      const xb = x(j + 1);
      const value = row[j];
      cells.push({
        row: i,
        col: j,
        value,
        x: Math.min(xa, xb),
        y: Math.min(ya, yb),
        w: Math.abs(xb - xa),
        h: Math.abs(yb - ya),
        fill: color(value),
      });
    }
  });
  return cells;
}

/**
 * Ticks at cell centres labelled 1…n (the paper's e_1…e_n): every step-th (step 1, 2, 5, 10, …),
 * so that labels stay `minGap` px apart.
 */
export function indexTicks(n: number, pixelLength: number, minGap = 28): Tick[] {
  const cell = pixelLength / Math.max(1, n);
  let step = 1;
  for (let m = 1; step * cell < minGap; m *= 10) {
    step = [1, 2, 5].map((f) => f * m).find((s) => s * cell >= minGap) ?? 10 * m;
  }
  const ticks: Tick[] = [];
  for (let i = 1; i <= n; i++) {
    if (i % step === 0) ticks.push({ value: i - 0.5, label: String(i), major: true });
  }
  return ticks;
}

/** One row per matrix row, columns c1…cn; the matrix shape goes in a comment line. */
export function heatmapCsv(rows: readonly ArrayLike<number>[], params: Record<string, unknown>): string {
  const cols = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const columns: Record<string, number[]> = {};
  for (let j = 0; j < cols; j++) columns[`c${j + 1}`] = rows.map((r) => (j < r.length ? r[j] : NaN));
  return toCsv(columns, params, [`matrix ${rows.length} × ${cols}, row i is line i below the header`]);
}
