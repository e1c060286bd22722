import { useId, useLayoutEffect, useState, type ReactNode, type Ref } from 'react';
import { DataTable } from './DataTable';
import { ExportMenu } from './ExportMenu';
import { slugify, type FigureSource } from './exportFigure';
import { ImportDialog } from './ImportDialog';
import type { ImportedRun } from './importRun';
import { chrome, compactMenu, font, HEADER_HEIGHT } from './theme';
import { registerChartSource } from './chartSources';

/** Where an imported run goes: the chart's axis names (for mapping the file's columns) and the sink. */
export interface ImportTarget {
  xLabel: string;
  yLabel: string;
  onImport: (run: ImportedRun) => void;
}

/** Fixed-size white box holding a chart's layers, with the export buttons in its header band. */
export function ChartShell(props: {
  width: number;
  height: number;
  title?: string;
  exportName?: string;
  testId?: string;
  /** the figure's stable id in its experiment's definition: a presentation mode or a tour finds it by this */
  figureId?: string;
  getFigure: () => FigureSource | null;
  children: ReactNode;
  rootRef?: Ref<HTMLDivElement>;
  importRun?: ImportTarget;
}) {
  const { width, height, title, exportName, testId, figureId, getFigure, children, rootRef, importRun } =
    props;
  const [table, setTable] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const name = title ?? exportName ?? 'figure';
  // the view's sheet export (viewSheet.ts) finds every chart on screen by this key
  const key = useId();
  useLayoutEffect(() => registerChartSource(key, getFigure), [key, getFigure]);
  return (
    <div
      ref={rootRef}
      data-chart-shell={key}
      data-testid={testId}
      data-figure-id={figureId}
      // A named figure: screen readers announce the title, not the tick labels; "Table" gives the numbers.
      role="figure"
      aria-label={`${name} (chart; its data: the Table button)`}
      style={{
        position: 'relative',
        width,
        height,
        background: chrome.background,
        fontFamily: font.family,
        overflow: 'hidden',
        flex: 'none',
      }}
    >
      {children}
      <div style={{ position: 'absolute', top: (HEADER_HEIGHT - 20) / 2 + 2, right: 8, zIndex: 2 }}>
        <ExportMenu
          title={name}
          exportName={exportName ?? slugify(title ?? 'figure')}
          getFigure={getFigure}
          onShowTable={() => setTable(getFigure()?.csv() ?? '')}
          compact={compactMenu(width, Boolean(importRun))}
          onImport={importRun && (() => setImporting(true))}
        />
      </div>
      {table !== null && <DataTable title={name} csv={table} onClose={() => setTable(null)} />}
      {importing && importRun && (
        <ImportDialog title={name} target={importRun} onClose={() => setImporting(false)} />
      )}
    </div>
  );
}
