import { ViewExport } from './ViewExport';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { backendNames, type BackendChoice } from '../engine/protocol';
import { experiments } from '../experiments';
import { Controls } from './Controls';
import { PanelHost } from './PanelHost';
import { StatusLine } from './StatusLine';
import { Landing } from './Landing';
import { PanelErrorBoundary } from './PanelErrorBoundary';
import { Presentation } from './Presentation';
import { TourCard } from './TourCard';
import { CompareProvider, PinBar } from './compare/Compare';
import { shortcutList, useShortcuts } from './shortcuts';
import { useLab, useLabContext } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';

// Its own chunk: the service-worker client (workbox-window) stays out of the main bundle.
const UpdateNotice = lazy(() => import('./UpdateNotice').then((m) => ({ default: m.UpdateNotice })));
// The claim line (and its typeset TeX) loads with the panel, not in the first load.
const ClaimLine = lazy(() => import('./ClaimLine').then((m) => ({ default: m.ClaimLine })));

export function App() {
  countRender('App');
  const { store, run } = useLabContext();
  const landing = useLab((s) => s.landing);
  const present = useLab((s) => s.present);
  const hidden = useLab((s) => s.hidden);
  const experimentId = useLab((s) => s.experimentId);
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismissNotices);
  const engineNotices = useLab((s) => s.engineNotices);
  const dismissEngine = useLab((s) => s.dismissEngineNotices);
  const [overlayOpen, setOverlayOpen] = useState(false);
  // below tablet width the controls fold into a drawer
  const [drawerOpen, setDrawerOpen] = useState(false);
  const overlay = useMemo(() => ({ open: overlayOpen, setOpen: setOverlayOpen }), [overlayOpen]);
  useShortcuts(store, run, experiments, overlay);
  const def = experiments.find((e) => e.id === experimentId) ?? experiments[0];
  const show = (region: string) => !hidden.includes(region);
  const hiddenFigures = hidden.filter((h) => def.figures.some((f) => f.id === h));
  // the pins' and imports' overlays reach every figure (presentation mode's too)
  const page = (
    <div className={present && !landing ? 'app presenting' : 'app'}>
      {hiddenFigures.length > 0 && (
        <style>{`${hiddenFigures.map((h) => `[data-figure-id="${CSS.escape(h)}"]`).join(',')}{display:none !important}`}</style>
      )}
      {show('header') && !(present && !landing) && <Header />}
      <Suspense fallback={null}>
        <UpdateNotice />
      </Suspense>
      {/* presentation mode is the figure alone: the link's notices wait until it is left */}
      {!(present && !landing) && (
        <Notices
          title={landing ? 'That link names no experiment:' : 'Some of the link was not used:'}
          items={notices}
          onDismiss={dismiss}
          testId="url-notices"
        />
      )}
      {landing ? (
        <Landing registry={experiments} />
      ) : present ? (
        <PanelErrorBoundary what={def.title} onRetry={() => retryPanel(def)} key={def.id}>
          <Presentation def={def} figureId={present} />
        </PanelErrorBoundary>
      ) : (
        <>
          {show('status') && <StatusLine def={def} />}
          {show('status') && <PinBar />}
          <Notices
            title="The engine:"
            items={engineNotices}
            onDismiss={dismissEngine}
            testId="engine-notices"
          />
          <main className={show('controls') ? 'main' : 'main no-controls'}>
            {show('controls') && (
              <>
                <button
                  type="button"
                  className="drawer-toggle"
                  aria-expanded={drawerOpen}
                  aria-controls="controls-drawer"
                  onClick={() => setDrawerOpen(!drawerOpen)}
                >
                  {drawerOpen ? '✕ Close controls' : '☰ Controls'}
                </button>
                <div id="controls-drawer" className={drawerOpen ? 'controls-drawer open' : 'controls-drawer'}>
                  <Controls def={def} />
                </div>
              </>
            )}
            <div className="content">
              <p className="breadcrumb">
                <a href="#/" onClick={(e) => (e.preventDefault(), store.getState().showLanding())}>
                  ← All experiments
                </a>
                <ViewExport def={def} />
              </p>
              <h2>{def.title}</h2>
              {show('notes') && <p className="paper">{def.paper}</p>}
              {show('notes') && (
                <Suspense fallback={null}>
                  <ClaimLine def={def} key={def.id} />
                </Suspense>
              )}
              <PanelErrorBoundary what={def.title} onRetry={() => retryPanel(def)} key={def.id}>
                <PanelHost def={def} />
              </PanelErrorBoundary>
            </div>
          </main>
          {show('footer') && <Footer />}
          <TourCard def={def} />
        </>
      )}
      {overlayOpen && <ShortcutOverlay onClose={() => setOverlayOpen(false)} />}
    </div>
  );
  return <CompareProvider>{page}</CompareProvider>;
}

/** A panel's chunk that failed to load is fetched again on retry (retryableLazy). */
const retryPanel = (def: AnyExperiment) => (def.Panel as { retry?: () => void }).retry?.();

function Header() {
  const landing = useLab((s) => s.landing);
  const experimentId = useLab((s) => s.experimentId);
  const setExperiment = useLab((s) => s.setExperiment);
  const showLanding = useLab((s) => s.showLanding);
  const backend = useLab((s) => s.backend);
  const setBackend = useLab((s) => s.setBackend);
  return (
    <header className="header">
      <h1>
        <a href="#/" onClick={(e) => (e.preventDefault(), showLanding())} title="all experiments">
          Distillation Lab
        </a>
      </h1>
      <label className="picker">
        <span>Paper</span>
        <select
          aria-label="experiment"
          value={landing ? '' : experimentId}
          onChange={(e) => (e.target.value ? setExperiment(e.target.value) : showLanding())}
        >
          <option value="">All experiments</option>
          {experiments.map((e, i) => (
            <option key={e.id} value={e.id}>
              {i + 1}. {e.title}
            </option>
          ))}
        </select>
      </label>
      <label className="picker">
        <span>Backend</span>
        <select
          aria-label="backend override"
          value={backend}
          onChange={(e) => setBackend(e.target.value as BackendChoice)}
        >
          <option value="auto">auto (by measurement)</option>
          {backendNames.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="keys-button"
        onClick={() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))}
      >
        <kbd>?</kbd> keys
      </button>
    </header>
  );
}

function ShortcutOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="overlay"
      role="dialog"
      aria-modal="true"
      aria-label="keyboard shortcuts"
      data-testid="shortcuts"
    >
      <div className="overlay-box">
        <h2>Keyboard</h2>
        <table>
          <tbody>
            {shortcutList.map((k) => (
              <tr key={k.keys}>
                <th scope="row">
                  <kbd>{k.keys}</kbd>
                </th>
                <td>{k.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Every control is reachable with Tab; sliders and the figures’ markers take the arrow keys. Links
          keep presentation mode and hidden parts: <code>present=&lt;figure&gt;</code>,{' '}
          <code>hide=controls,…</code>.
        </p>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}

/** A dismissable list of messages (a repaired link, an engine that restarted); nothing when empty. */
function Notices(props: { title: string; items: string[]; onDismiss: () => void; testId: string }) {
  if (props.items.length === 0) return null;
  return (
    <div className="notices" role="alert" data-testid={props.testId}>
      <strong>{props.title}</strong>
      <ul>
        {props.items.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      <button type="button" onClick={props.onDismiss}>
        dismiss
      </button>
    </div>
  );
}

function Footer() {
  const { store } = useLabContext();
  return (
    <footer className="footer">
      Everything runs in your browser; nothing is sent anywhere. The link in the address bar reproduces this
      figure.{' '}
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(location.origin + location.pathname + store.getState().hash())
        }
      >
        copy link
      </button>
    </footer>
  );
}
