import { useState } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { useLab } from '../ui/storeContext';

/**
 * "Export view": every figure of the experiment as it is on screen, with its caption, the parameters
 * and the link that restores the view, on one sheet (SVG or PNG), for a slide or a handout.
 */
export function ViewExport({ def }: { def: AnyExperiment }) {
  const params = useLab((s) => s.params) as Record<string, unknown>;
  const [busy, setBusy] = useState<'svg' | 'png' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'svg' | 'png', button: HTMLElement) => {
    const container = button.closest('.content');
    if (!container) return;
    setBusy(format);
    setError(null);
    try {
      // the sheet's code loads on first use, not with the page
      const { exportViewSheet } = await import('../charts/viewSheet');
      await exportViewSheet(
        container,
        { title: def.title, subtitle: def.paper, link: window.location.href, params, figures: def.figures },
        format,
        `${def.id}-view`,
      );
    } catch (e) {
      setError(`The sheet could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="view-export" data-testid="view-export">
      Export view:{' '}
      {(['svg', 'png'] as const).map((f) => (
        <button
          key={f}
          type="button"
          disabled={busy !== null}
          aria-label={`Export every figure of this view, with captions and parameters, as one ${f.toUpperCase()} sheet`}
          onClick={(e) => void run(f, e.currentTarget)}
        >
          {busy === f ? '…' : f.toUpperCase()}
        </button>
      ))}
      {error && (
        <span role="alert" className="warn">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
