import type { AnyExperiment } from '../experiments/types';
import { useLab } from '../ui/storeContext';
import { firstFigureMs } from './firstFigureTimes';

/** The paper's title, from the citation ("Authors, "Title" (seed …), Fig. …"). */
const paperTitle = (e: AnyExperiment) => /"([^"]+)"/.exec(e.paper)?.[1] ?? e.paper;

function firstFigureText(e: AnyExperiment): string {
  const ms = firstFigureMs(e.id);
  if (ms === null) return 'time to its first figure: not measured on this machine yet';
  return `first figure here in ${ms < 1000 ? `${Math.max(ms, 1).toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`}`;
}

/**
 * The first view (`#/`): every experiment as a card, grouped by paper, with what it shows, the paper's
 * figures it redraws, a still of its key figure (drawn by the experiment's own code: scripts/make-stills.mts)
 * and how long its first figure took on this machine.
 */
export function Landing({ registry }: { registry: readonly AnyExperiment[] }) {
  const setExperiment = useLab((s) => s.setExperiment);
  const setTourStep = useLab((s) => s.setTourStep);
  const papers = new Map<string, AnyExperiment[]>();
  for (const e of registry) papers.set(e.paperId, [...(papers.get(e.paperId) ?? []), e]);
  const number = new Map(registry.map((e, i) => [e.id, i + 1]));
  return (
    <main className="landing" data-testid="landing">
      <p className="landing-intro">
        Five papers on knowledge distillation and self-distillation, recomputed live in your browser: drag a
        slider and the paper’s theory is drawn <em>exactly</em> over the measurement. Pick one to open it (or
        press its number; <kbd>?</kbd> lists every key).
      </p>
      {[...papers.values()].map((group) => (
        <section className="paper-group" key={group[0].paperId} aria-labelledby={`paper-${group[0].paperId}`}>
          <h2 id={`paper-${group[0].paperId}`}>
            {paperTitle(group[0])}{' '}
            <span className="muted">
              — {group[0].authors}, {group[0].year}
            </span>
          </h2>
          <div className="cards">
            {group.map((e) => (
              <article className="card" key={e.id} data-testid={`card-${e.id}`}>
                <a
                  className="card-link"
                  href={`#/${e.id}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    setExperiment(e.id);
                  }}
                >
                  <img
                    className="still"
                    src={`stills/${e.id}.png`}
                    alt={`Still of “${e.figures[0]?.title ?? e.title}”: ${e.figures[0]?.caption ?? e.summary}`}
                    width={480}
                    height={270}
                    loading="lazy"
                  />
                  <h3>
                    <span className="card-number" aria-hidden="true">
                      {number.get(e.id)}
                    </span>
                    {e.title}
                  </h3>
                </a>
                <p>{e.summary}</p>
                <p className="muted small">
                  Reproduces {e.paperFigures} · {firstFigureText(e)}
                </p>
                {e.tour && e.tour.length > 0 && (
                  <p className="card-actions">
                    <a
                      href={`#/${e.id}?tour=1`}
                      data-testid={`tour-${e.id}`}
                      onClick={(ev) => {
                        ev.preventDefault();
                        setExperiment(e.id);
                        setTourStep(0);
                      }}
                    >
                      Take the tour ({e.tour.length} steps) →
                    </a>
                  </p>
                )}
              </article>
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}
