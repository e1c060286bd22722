import { useState } from 'react';
import { exportFigure, type ExportFormat, type FigureSource } from './exportFigure';
import { chrome, font } from './theme';

export interface ExportMenuProps {
  /** Used in the buttons' aria-labels: "Export <title> as PNG". */
  title: string;
  /** File name without extension. */
  exportName: string;
  /** Called on click (never during render) so the chart can hand over its live DOM nodes. */
  getFigure: () => FigureSource | null;
  /** Shows the figure's data as a table (what the CSV holds), for screen readers and exact values. */
  onShowTable?: () => void;
  /** one "Data ▾" button that opens the others (a narrow chart's header has no room for four) */
  compact?: boolean;
  /** "Import run…": opens the chart's dialog for drawing a run from a file over it */
  onImport?: () => void;
}

const FORMATS: ExportFormat[] = ['png', 'svg', 'csv'];

const buttonStyle = {
  font: `500 11px ${font.family}`,
  color: chrome.mutedText,
  background: '#fff',
  border: `1px solid ${chrome.legendBorder}`,
  borderRadius: 4,
  padding: '2px 7px',
  lineHeight: '14px',
  cursor: 'pointer',
} as const;

/** Small buttons that download the figure as PNG, SVG or CSV, and show its data as a table. */
export function ExportMenu(props: ExportMenuProps) {
  const { title, exportName, getFigure, onShowTable, compact = false, onImport } = props;
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [open, setOpen] = useState(false);
  const run = async (format: ExportFormat) => {
    const fig = getFigure();
    if (!fig) return;
    setBusy(format);
    try {
      await exportFigure(fig, format, exportName);
    } catch (err) {
      console.error(`Export of "${title}" as ${format} failed`, err);
    } finally {
      setBusy(null);
    }
  };
  if (compact && !open)
    return (
      <button
        type="button"
        aria-label={`Export or show the data of ${title}`}
        aria-expanded={false}
        onClick={() => setOpen(true)}
        style={buttonStyle}
      >
        Data ▾
      </button>
    );
  return (
    <div
      role="group"
      aria-label={`Export ${title}`}
      style={{
        display: 'flex',
        gap: 4,
        ...(compact ? { background: '#fff', padding: 2, borderRadius: 4 } : {}),
      }}
      onKeyDown={(e) => {
        if (compact && e.key === 'Escape') setOpen(false);
      }}
    >
      {FORMATS.map((f) => (
        <button
          key={f}
          type="button"
          aria-label={`Export ${title} as ${f.toUpperCase()}`}
          title={`Download ${exportName}.${f}`}
          disabled={busy !== null}
          onClick={() => void run(f)}
          style={{ ...buttonStyle, opacity: busy === f ? 0.5 : 1 }}
        >
          {f.toUpperCase()}
        </button>
      ))}
      {onShowTable && (
        <button
          type="button"
          aria-label={`Show the data of ${title} as a table`}
          title="the figure's numbers as a table"
          onClick={onShowTable}
          style={buttonStyle}
        >
          Table
        </button>
      )}
      {onImport && (
        <button
          type="button"
          aria-label={`Import a run from a file into ${title}…`}
          title="draw a run from a CSV or JSON file over this figure"
          onClick={() => {
            setOpen(false);
            onImport();
          }}
          style={buttonStyle}
        >
          {compact ? 'Import run…' : 'Import…'}
        </button>
      )}
      {compact && (
        <button
          type="button"
          aria-label="close the data menu"
          onClick={() => setOpen(false)}
          style={buttonStyle}
        >
          ✕
        </button>
      )}
    </div>
  );
}
