import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { OverlayContext } from '../../charts/overlayContext';
import { experiments } from '../../experiments';
import { useLabContext } from '../../ui/storeContext';
import { createCompare, type Compare } from './compare';
import { indexedDbPins } from './pinDb';
import { MAX_PINS } from './pins';
import './compare.css';

const CompareContext = createContext<Compare | null>(null);

/** Gives the charts their overlays (pins, imports) and the pin bar its state; one per page. */
export function CompareProvider({ children }: { children: ReactNode }) {
  const { store } = useLabContext();
  const [compare] = useState(() => createCompare(store, experiments, indexedDbPins()));
  return (
    <CompareContext.Provider value={compare}>
      <OverlayContext.Provider value={compare.source}>{children}</OverlayContext.Provider>
    </CompareContext.Provider>
  );
}

/**
 * "pin this run" beside the status line: the experiment's pins (up to four), each with restore and
 * remove, and "clear pins". A pinned run stays on its figures, dimmed, until removed; pins survive a
 * reload.
 */
export function PinBar() {
  const compare = useContext(CompareContext);
  if (!compare) throw new Error('PinBar must be inside CompareProvider');
  const view = useSyncExternalStore(compare.source.subscribe, compare.view);
  const full = view.pins.length >= MAX_PINS;
  return (
    <div className="pin-bar" data-testid="pin-bar" aria-label="pinned runs" role="group">
      <span className="muted">compare runs:</span>
      <button
        type="button"
        className="pin-button"
        onClick={() => compare.pin()}
        aria-describedby="pin-bar-message"
        title={full ? `at most ${MAX_PINS} pins per experiment` : 'keep this run’s curves on the figures'}
      >
        pin this run
      </button>
      {view.pins.length > 0 && (
        <ul className="pins" aria-label="pins">
          {view.pins.map((p) => (
            <li key={p.number} data-testid={`pin-${p.number}`}>
              <span className="pin-label">{p.label}</span>
              <button type="button" onClick={() => compare.restore(p.number)} title="set these parameters">
                restore<span className="visually-hidden"> pin {p.number}</span>
              </button>
              <button
                type="button"
                aria-label={`remove pin ${p.number}`}
                title="remove this pin"
                onClick={() => compare.removePin(p.number)}
              >
                ✕
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => compare.clearPins()}>
              clear pins
            </button>
          </li>
        </ul>
      )}
      <span id="pin-bar-message" className="pin-message muted" role="status" data-testid="pin-message">
        {view.message ?? (view.loaded ? '' : 'loading pins…')}
      </span>
    </div>
  );
}
