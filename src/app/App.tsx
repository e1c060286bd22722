import { backendNames, type BackendChoice } from '../engine/protocol';
import { experiments } from '../experiments';
import { Controls } from './Controls';
import { PanelHost } from './PanelHost';
import { StatusLine } from './StatusLine';
import { useLab, useLabContext } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';

export function App() {
  countRender('App');
  const experimentId = useLab((s) => s.experimentId);
  const setExperiment = useLab((s) => s.setExperiment);
  const backend = useLab((s) => s.backend);
  const setBackend = useLab((s) => s.setBackend);
  const notices = useLab((s) => s.notices);
  const dismiss = useLab((s) => s.dismissNotices);
  const engineNotices = useLab((s) => s.engineNotices);
  const dismissEngine = useLab((s) => s.dismissEngineNotices);
  const def = experiments.find((e) => e.id === experimentId) ?? experiments[0];
  return (
    <div className="app">
      <header className="header">
        <h1>Distillation Lab</h1>
        <label className="picker">
          <span>Paper</span>
          <select
            aria-label="experiment"
            value={experimentId}
            onChange={(e) => setExperiment(e.target.value)}
          >
            {experiments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
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
      </header>
      <StatusLine def={def} />
      <Notices
        title="Some of the link was not used:"
        items={notices}
        onDismiss={dismiss}
        testId="url-notices"
      />
      <Notices title="The engine:" items={engineNotices} onDismiss={dismissEngine} testId="engine-notices" />
      <main className="main">
        <Controls def={def} />
        <div className="content">
          <h2>{def.title}</h2>
          <p className="paper">{def.paper}</p>
          <PanelHost def={def} />
        </div>
      </main>
      <Footer />
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
