import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ImportTarget } from './ChartShell';
import {
  checkImportSize,
  extractRun,
  guessColumns,
  IMPORT_LIMIT_TEXT,
  parseRunTable,
  type RunTable,
} from './importRun';
import { formatValue } from './scales';
import { chrome, font } from './theme';

type Loaded = { name: string; table: RunTable } | { name: string; error: string } | null;

const range = (v: number[]) => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v)
    if (Number.isFinite(x)) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
  return lo <= hi ? `${formatValue(lo)} … ${formatValue(hi)}` : '—';
};

/**
 * "Import run…": a file (CSV, TensorBoard's scalar CSV, JSON) read in the page, its columns mapped to
 * the chart's axes (a guess preselected), the row count previewed; "Add" draws it over the chart.
 * A file that cannot be read leaves the figure as it is and says which line is wrong.
 */
export function ImportDialog({
  title,
  target,
  onClose,
}: {
  title: string;
  target: ImportTarget;
  onClose: () => void;
}) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [cols, setCols] = useState<{ x: string; y: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  useEffect(() => fileRef.current?.focus(), []);

  const onFile = async (file: File | undefined) => {
    setCols(null);
    if (!file) return setLoaded(null);
    const big = checkImportSize(file.name, file.size);
    if (big) return setLoaded({ name: file.name, error: big });
    const r = parseRunTable(file.name, await file.text(), file.size);
    if (!r.ok) return setLoaded({ name: file.name, error: r.error });
    setLoaded({ name: file.name, table: r.value });
    setCols(guessColumns(r.value));
  };

  const run = useMemo(
    () =>
      loaded && 'table' in loaded && cols ? extractRun(loaded.name, loaded.table, cols.x, cols.y) : null,
    [loaded, cols],
  );
  const error = loaded && 'error' in loaded ? loaded.error : run && !run.ok ? run.error : null;
  const names = loaded && 'table' in loaded ? loaded.table.columns.map((c) => c.name) : [];
  const select = (axis: 'x' | 'y', label: string) => (
    <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
      <span style={{ minWidth: 120 }}>
        {axis} axis <span style={{ color: chrome.mutedText }}>({label})</span>
      </span>
      <select
        aria-label={`column for the ${axis} axis`}
        value={cols?.[axis] ?? ''}
        disabled={!cols}
        onChange={(e) => cols && setCols({ ...cols, [axis]: e.target.value })}
      >
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div
      role="dialog"
      aria-label={`Import a run into ${title}`}
      data-testid="import-dialog"
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
        padding: '8px 12px',
        font: `12px ${font.family}`,
        color: chrome.text,
        display: 'flex',
        flexDirection: 'column',
        gap: 7,
      }}
    >
      <strong style={{ fontSize: 13 }}>Import a run into “{title}”</strong>
      <label htmlFor={`${ids}-file`} style={{ color: chrome.mutedText }}>
        A metric over steps: CSV with a header (TensorBoard’s <code>Wall time,Step,Value</code> too) or JSON (
        <code>
          [{'{'}step, value{'}'}]
        </code>
        ,{' '}
        <code>
          {'{'}steps: […], values: […]{'}'}
        </code>
        ), at most {IMPORT_LIMIT_TEXT}. It stays in this page; nothing is uploaded.
      </label>
      <input
        id={`${ids}-file`}
        ref={fileRef}
        type="file"
        accept=".csv,.tsv,.txt,.json,text/csv,application/json"
        aria-label="run file (CSV or JSON)"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {select('x', target.xLabel)}
      {select('y', target.yLabel)}
      <p role="status" data-testid="import-preview" style={{ margin: 0, minHeight: 16 }}>
        {run?.ok &&
          `${run.value.x.length.toLocaleString('en')} rows${run.value.skipped ? ` (${run.value.skipped} with an empty cell left out)` : ''}: x ${range(run.value.x)}, y ${range(run.value.y)}`}
      </p>
      {error && (
        <p role="alert" data-testid="import-error" style={{ margin: 0, color: '#B00020', fontWeight: 600 }}>
          {error}
        </p>
      )}
      <div style={{ display: 'flex', gap: 8 }}>
        <button
          type="button"
          disabled={!run?.ok}
          onClick={() => {
            if (!run?.ok) return;
            target.onImport(run.value);
            onClose();
          }}
        >
          Add to the figure
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
