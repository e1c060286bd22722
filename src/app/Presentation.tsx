import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { StageContext } from '../charts/stageContext';
import type { AnyExperiment } from '../experiments/types';
import { useLab } from '../ui/storeContext';
import { Controls } from './Controls';
import { PanelHost } from './PanelHost';
import { PauseRestart } from './StatusLine';
import { TourCard } from './TourCard';

/**
 * Width the panel lays itself out at, as a share of the stage (at least MIN_LAYOUT px, so chart titles
 * keep their numbers): the figure is then scaled up about 2×.
 */
const LAYOUT_SHARE = 0.5;
const MIN_LAYOUT = 480;

/**
 * Presentation mode (`present=<figure id>`): one figure of the live panel fills the screen, its key
 * sliders beside it in large type, a one-line caption above. The panel keeps running as it is: it is
 * laid out at half the stage's width with everything but the chosen figure hidden (CSS :has), then
 * scaled so the figure fills the stage — text and lines grow with it (12 px ticks → ≥ 20 px, 1.5 px
 * lines → ≥ 3 px at 1920 × 1080). → / ← / PageDown / PageUp step through the figures, Esc leaves.
 */
export function Presentation({ def, figureId }: { def: AnyExperiment; figureId: string }) {
  const status = useLab((s) => s.status);
  const setPresent = useLab((s) => s.setPresent);
  const stageRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [layoutWidth, setLayoutWidth] = useState(800);
  // Doubles the layout width once when the figure comes out tall and narrow (a grid of small multiples
  // that stacks into one column at half width).
  const [boost, setBoost] = useState<{ figure: string; by: number }>({ figure: figureId, by: 1 });
  const by = boost.figure === figureId ? boost.by : 1;
  const [view, setView] = useState<{ s: number; x: number; y: number } | null>(null);
  // the stage's height / width: the presented figure's charts take this shape (charts/stageContext.ts)
  const [aspect, setAspect] = useState(0);
  const i = Math.max(
    0,
    def.figures.findIndex((f) => f.id === figureId),
  );
  const fig = def.figures[i];
  const go = (by: number) => setPresent(def.figures[(i + by + def.figures.length) % def.figures.length].id);

  useLayoutEffect(() => {
    const stage = stageRef.current;
    const content = contentRef.current;
    if (!stage || !content) return;
    const fit = () => {
      const sw = stage.clientWidth;
      const sh = stage.clientHeight;
      if (sw > 0 && sh > 0) setAspect(Math.round((100 * sh) / sw) / 100);
      setLayoutWidth(Math.round(Math.min(sw, by * Math.max(MIN_LAYOUT, sw * LAYOUT_SHARE))));
      const els = [...content.querySelectorAll<HTMLElement>(`[data-figure-id="${CSS.escape(figureId)}"]`)];
      if (els.length === 0) {
        setView(null);
        return;
      }
      // the union of the figure's boxes (small multiples share one id), in unscaled content px
      const c = content.getBoundingClientRect();
      const k = c.width / content.offsetWidth || 1; // the transform currently applied
      let [l, t, r, b] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const el of els) {
        const q = el.getBoundingClientRect();
        [l, t] = [Math.min(l, (q.left - c.left) / k), Math.min(t, (q.top - c.top) / k)];
        [r, b] = [Math.max(r, (q.right - c.left) / k), Math.max(b, (q.bottom - c.top) / k)];
      }
      const w = r - l;
      const h = b - t;
      if (w <= 0 || h <= 0) return;
      // the figure's own boxes resize when the panel re-lays itself out at a new width
      for (const el of els) figureBoxes.observe(el);
      const s = Math.min(sw / w, sh / h);
      if (w * s < 0.6 * sw && by === 1 && sw * LAYOUT_SHARE < sw) setBoost({ figure: figureId, by: 2 });
      const next = { s, x: (sw - w * s) / 2 - l * s, y: (sh - h * s) / 2 - t * s };
      setView((v) =>
        v && Math.abs(v.s - next.s) < 1e-3 && Math.abs(v.x - next.x) < 0.5 && Math.abs(v.y - next.y) < 0.5
          ? v
          : next,
      );
    };
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    const figureBoxes = new ResizeObserver(later);
    fit();
    const ro = new ResizeObserver(later);
    ro.observe(stage);
    ro.observe(content);
    // a figure that appears only once the run has produced it
    const mo = new MutationObserver(later);
    mo.observe(content, { childList: true, subtree: true });
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
      mo.disconnect();
      figureBoxes.disconnect();
    };
  }, [figureId, by]);

  const stageValue = useMemo(() => (aspect > 0 ? { figureId, aspect } : null), [figureId, aspect]);
  const id = CSS.escape(figureId);
  // Everything in the panel that neither is the figure, holds it, nor lies inside it is hidden.
  const isolate =
    `.present-content *:not(:has([data-figure-id="${id}"])):not([data-figure-id="${id}"]):not([data-figure-id="${id}"] *)` +
    '{display:none !important}';
  return (
    <div className="presentation" data-testid="presentation" data-present={figureId}>
      <div className="present-main">
        <header className="present-caption">
          <h2>{fig?.title}</h2>
          <p>{fig?.caption}</p>
        </header>
        <div className="present-stage" ref={stageRef} data-testid="present-stage">
          <style>{isolate}</style>
          <div
            className="present-content"
            ref={contentRef}
            style={{
              width: layoutWidth,
              transform: view ? `translate(${view.x}px, ${view.y}px) scale(${view.s})` : undefined,
              visibility: view ? 'visible' : 'hidden',
            }}
          >
            <StageContext.Provider value={stageValue}>
              <PanelHost def={def} />
            </StageContext.Provider>
          </div>
          {!view && (
            <p className="present-waiting" data-testid="present-waiting">
              “{fig?.title}” appears once the run has produced it (run: {status}).
            </p>
          )}
        </div>
      </div>
      <aside className="present-side" aria-label="presentation controls">
        <nav className="present-nav" aria-label="figures">
          <button type="button" onClick={() => go(-1)} aria-label="previous figure">
            ‹
          </button>
          <span data-testid="present-position">
            {i + 1} / {def.figures.length}
          </span>
          <button type="button" onClick={() => go(1)} aria-label="next figure">
            ›
          </button>
          <button type="button" onClick={() => setPresent(null)} aria-label="leave presentation mode">
            ✕
          </button>
        </nav>
        <TourCard def={def} docked />
        <Controls def={def} only={def.keyControls} />
        <div className="present-run">
          <span data-testid="run-state" data-state={status}>
            run: <strong>{status}</strong>
          </span>
          <PauseRestart />
        </div>
        <p className="muted present-keys">
          <kbd>→</kbd> <kbd>←</kbd> figures · <kbd>Space</kbd> pause · <kbd>Esc</kbd> leave
        </p>
      </aside>
    </div>
  );
}
