import { useEffect, useRef } from 'react';
import { chrome, font } from './theme';

/** Rows shown at most; the CSV download has them all. */
const MAX_ROWS = 400;

/** One CSV row: cells split on commas outside double quotes ("" is a quote inside one). */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** CSV (as the export writes it: '#' comment lines with the parameters, then a header row) → cells. */
export function parseCsv(csv: string): { notes: string[]; header: string[]; rows: string[][] } {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const notes = lines.filter((l) => l.startsWith('#')).map((l) => l.replace(/^#\s?/, ''));
  const data = lines.filter((l) => !l.startsWith('#')).map(splitRow);
  return { notes, header: data[0] ?? [], rows: data.slice(1) };
}

/**
 * The figure's data as an HTML table over the chart: what a screen reader reads instead of the tick
 * labels, and where exact values can be looked up. Esc or the close button leaves it.
 */
export function DataTable({ title, csv, onClose }: { title: string; csv: string; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const { notes, header, rows } = parseCsv(csv);
  return (
    <div
      role="dialog"
      aria-label={`Data of ${title}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      style={{
        position: 'absolute',
        inset: 0,
        zIndex: 3,
        background: chrome.background,
        overflow: 'auto',
        padding: '6px 10px',
        font: `12px ${font.family}`,
        color: chrome.text,
      }}
    >
      <button ref={close} type="button" onClick={onClose} style={{ float: 'right' }}>
        close table
      </button>
      <table style={{ borderCollapse: 'collapse' }}>
        <caption style={{ textAlign: 'left', fontWeight: 600, marginBottom: 4 }}>{title}</caption>
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i} scope="col" style={{ textAlign: 'right', padding: '1px 8px' }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, MAX_ROWS).map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td
                  key={j}
                  style={{ textAlign: 'right', padding: '1px 8px', fontVariantNumeric: 'tabular-nums' }}
                >
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && (
        <p>
          {MAX_ROWS} of {rows.length} rows; the CSV export has them all.
        </p>
      )}
      {rows.length === 0 && <p>No data yet.</p>}
      {notes.length > 0 && <p style={{ color: chrome.mutedText }}>{notes.join(' · ')}</p>}
    </div>
  );
}
