/** CSV with the figure's parameters as `# key: value` comment lines, readable by pandas (comment='#'). */

function formatParamValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value); // circular structures: better a vague line than a failed export
  }
}

/** One line per param; newlines are flattened so a value can never break out of its comment line. */
function paramLines(params: Record<string, unknown>): string[] {
  return Object.entries(params).map(([k, v]) => `${k}: ${formatParamValue(v)}`.replace(/[\r\n]+/g, ' '));
}

/** `key=value, key=value` for captions. */
export function formatParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${formatParamValue(v)}`.replace(/[\r\n]+/g, ' '))
    .join(', ');
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Shortest round-trip decimal; non-finite values use spellings numpy and pandas parse. */
function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

/**
 * Columns become CSV columns in insertion order; shorter columns are padded with empty cells.
 * `comments` are extra `# ...` lines written after the params (e.g. overlay definitions).
 */
export function toCsv(
  columns: Record<string, ArrayLike<number>>,
  params: Record<string, unknown>,
  comments: string[] = [],
): string {
  const lines: string[] = [];
  for (const line of paramLines(params)) lines.push(`# ${line}`);
  for (const c of comments) lines.push(`# ${c.replace(/[\r\n]+/g, ' ')}`);
  const names = Object.keys(columns);
  if (names.length > 0) {
    lines.push(names.map(csvCell).join(','));
    const cols = names.map((n) => columns[n]);
    const rows = cols.reduce((m, c) => Math.max(m, c.length), 0);
    const cells: string[] = new Array(cols.length);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols.length; j++) cells[j] = r < cols[j].length ? formatNumber(cols[j][r]) : '';
      lines.push(cells.join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Greedy word wrap on `, ` boundaries (for param captions), hard-splitting over-long pieces. */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(8, Math.floor(maxChars));
  const lines: string[] = [];
  let current = '';
  for (const part of text.split(/(?<=, )/)) {
    let piece = part;
    while (piece.length > limit) {
      if (current) {
        lines.push(current.trimEnd());
        current = '';
      }
      lines.push(piece.slice(0, limit));
      piece = piece.slice(limit);
    }
    if ((current + piece).trimEnd().length > limit && current) {
      lines.push(current.trimEnd());
      current = piece;
    } else {
      current += piece;
    }
  }
  if (current.trim()) lines.push(current.trimEnd());
  return lines;
}
