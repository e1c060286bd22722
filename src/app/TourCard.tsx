import { Suspense, useEffect } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { useLab } from '../ui/storeContext';

/**
 * The guided tour's card: "Step N of M", the step's title and text, what it is waiting for, and
 * back / next / leave (→ / ← / Esc). A highlighted step outlines its figure in the page and scrolls to
 * it; a 'present' step has put the figure in presentation mode (the card then sits beside it).
 */
export function TourCard({ def, docked = false }: { def: AnyExperiment; docked?: boolean }) {
  const i = useLab((s) => s.tour);
  const setStep = useLab((s) => s.setTourStep);
  const endTour = useLab((s) => s.endTour);
  const step = i === null ? undefined : def.tour?.[i];
  // waitFor reads the results: re-evaluated whenever they change (version)
  const reached = useLab((s) => (step?.waitFor ? (void s.version, step.waitFor.reached(s.results)) : true));
  const status = useLab((s) => s.status);
  // The schematic (a step with `schematic`) draws the live params and results; the store's are this
  // experiment's only once it has switched to it.
  const Schematic = step?.schematic && def.Schematic ? def.Schematic : null;
  const onThis = useLab((s) => s.experimentId === def.id);
  const params = useLab((s) => (Schematic ? s.params : null));
  const results = useLab((s) => (Schematic ? s.results : null));
  // results may be mutated in place: the version bump redraws the schematic
  useLab((s) => (Schematic ? s.version : 0));
  const live = Schematic && onThis && params ? { params, results } : null;
  const figure = step?.figure;
  const present = step?.focus === 'present';
  useEffect(() => {
    if (!figure || present) return;
    const el = document.querySelector(`[data-figure-id="${CSS.escape(figure)}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [figure, present, i]);
  if (!step || i === null || !def.tour) return null;
  const n = def.tour.length;
  return (
    <aside
      className={['tour-card', docked ? 'docked' : '', live ? 'has-schematic' : ''].filter(Boolean).join(' ')}
      aria-label="guided tour"
      aria-live="polite"
      data-testid="tour-card"
      data-step={i + 1}
    >
      {!present && (
        <style>{`[data-figure-id="${CSS.escape(step.figure)}"]{outline:4px solid #e76f51;outline-offset:3px}`}</style>
      )}
      <p className="tour-position">
        Tour · step {i + 1} of {n}
      </p>
      <h3>{step.title}</h3>
      <p>{step.text}</p>
      {Schematic && live && (
        <div className="tour-schematic" data-testid="tour-schematic">
          <Suspense fallback={null}>
            <Schematic params={live.params} results={live.results} />
          </Suspense>
        </div>
      )}
      {step.waitFor && !reached && (
        <p className="tour-waiting" data-testid="tour-waiting">
          Waiting {step.waitFor.label} (run: {status})…
        </p>
      )}
      <div className="tour-buttons">
        <button type="button" onClick={() => setStep(i - 1)} disabled={i === 0}>
          ‹ Back
        </button>
        {i + 1 < n ? (
          <button type="button" onClick={() => setStep(i + 1)} className="primary">
            Next ›
          </button>
        ) : (
          <button type="button" onClick={endTour} className="primary">
            Finish
          </button>
        )}
        <button type="button" onClick={endTour} aria-label="leave the tour">
          ✕
        </button>
      </div>
    </aside>
  );
}
