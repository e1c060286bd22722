import type { AnyExperiment } from '../experiments/types';
import { useLab, useLabContext, useThrottledLab } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';

/** Backend in use (and why), run state with its controls, and throughput. */
export function StatusLine({ def }: { def: AnyExperiment }) {
  countRender('StatusLine');
  const { run } = useLabContext();
  const report = useLab((s) => s.backendReport);
  const jobBackend = useLab((s) => s.jobBackend);
  const status = useLab((s) => s.status);
  const message = useLab((s) => s.statusMessage);
  // Throughput is read by people: four updates a second, not one per frame.
  const rate = useThrottledLab((s) => (s.experimentId === def.id ? def.rate(s.results) : ''), 250);
  const probes = report?.probes
    .map(
      (p) =>
        `${p.name}: ${p.ms !== null ? `${p.ms.toFixed(1)} ms` : p.available ? 'not timed' : 'unavailable'}${p.note ? ` (${p.note})` : ''}`,
    )
    .join(', ');
  return (
    <div className="status" role="status">
      <span
        className="backend"
        data-testid="backend"
        data-backend={report?.active ?? ''}
        title={probes ? `probe: ${probes}` : undefined}
      >
        backend: <strong>{report ? report.active : 'choosing…'}</strong>
        {report && <span className="muted"> — {report.reason}</span>}
        {report?.adapter && (
          <span className="muted">
            {' '}
            · GPU adapter: {report.adapter.description}
            {report.adapter.isFallbackAdapter ? ' (software)' : ''}
          </span>
        )}
      </span>
      {jobBackend && (
        <span data-testid="job-backend" data-backend={jobBackend.backend}>
          this run: <strong>{jobBackend.backend}</strong>
          <span className="muted"> — {jobBackend.reason}</span>
        </span>
      )}
      <span className="run" data-testid="run-state" data-state={status}>
        run: <strong>{status}</strong>
        {message && <span className={status === 'error' ? 'error-text' : 'muted'}> — {message}</span>}
      </span>
      <span className="buttons">
        <PauseRestart />
        <button type="button" onClick={run.step} disabled={status !== 'running' && status !== 'paused'}>
          step
        </button>
        <button
          type="button"
          onClick={run.cancel}
          disabled={status !== 'running' && status !== 'paused' && status !== 'starting'}
        >
          cancel
        </button>
      </span>
      <span className="rate muted" data-testid="rate">
        {rate}
      </span>
    </div>
  );
}

/** Pause (or resume) and restart: the status line's and the presentation mode's run buttons. */
export function PauseRestart() {
  const { run } = useLabContext();
  const status = useLab((s) => s.status);
  return (
    <>
      {status === 'paused' ? (
        <button type="button" onClick={run.resume}>
          resume
        </button>
      ) : (
        <button type="button" onClick={run.pause} disabled={status !== 'running'}>
          pause
        </button>
      )}
      <button type="button" onClick={run.reset}>
        restart
      </button>
    </>
  );
}
