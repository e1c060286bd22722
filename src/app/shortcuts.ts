import { useEffect } from 'react';
import type { AnyExperiment } from '../experiments/types';
import type { RunControls } from './runController';
import type { LabStore } from '../store/labStore';

/** Every keyboard shortcut, as the "?" overlay lists them. */
export const shortcutList: readonly { keys: string; what: string }[] = [
  { keys: 'Space', what: 'pause / resume the run' },
  { keys: 'S', what: 'one step (pauses)' },
  { keys: 'R', what: 'restart the run' },
  { keys: '1 – 6', what: 'open experiment 1 … 6' },
  { keys: 'H', what: 'back to the list of experiments' },
  { keys: 'P', what: 'presentation mode on / off' },
  { keys: '→  ←  PageDown  PageUp', what: 'next / previous tour step, or figure (presentation mode)' },
  { keys: 'T', what: 'take the tour of this experiment' },
  { keys: 'Esc', what: 'leave the tour or presentation mode, close this list' },
  { keys: '?', what: 'show / hide this list' },
];

/** Typing into these must not trigger shortcuts (a range input only keeps its arrow keys). */
const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable ||
    t instanceof HTMLTextAreaElement ||
    t instanceof HTMLSelectElement ||
    (t instanceof HTMLInputElement && t.type !== 'range' && t.type !== 'checkbox' && t.type !== 'radio'));
const slider = (t: EventTarget | null) => t instanceof HTMLInputElement && t.type === 'range';
const activates = (t: EventTarget | null) => t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement;

/**
 * The page's keyboard: run control, experiment switching, presentation mode and its figure steps.
 * Keys a focused control needs (typing in a box, Space on a button, arrows on a slider) stay with it;
 * PageUp / PageDown always step figures in presentation mode, since that is what clickers send.
 */
export function useShortcuts(
  store: LabStore,
  run: RunControls,
  registry: readonly AnyExperiment[],
  overlay: { open: boolean; setOpen: (o: boolean) => void },
) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = store.getState();
      const t = e.target;
      if (e.key === 'Escape') {
        if (overlay.open) overlay.setOpen(false);
        else if (s.tour !== null) s.endTour();
        else if (s.present) s.setPresent(null);
        else return;
        e.preventDefault();
        return;
      }
      if (typing(t)) return;
      const def = registry.find((x) => x.id === s.experimentId);
      const figures = def?.figures ?? [];
      const step = (by: number) => {
        // in a tour, the arrows step the tour; in presentation mode, the figures
        if (s.tour !== null && def?.tour) {
          const next = s.tour + by;
          if (next >= 0 && next < def.tour.length) s.setTourStep(next);
          return true;
        }
        if (!s.present || figures.length === 0) return false;
        const i = figures.findIndex((f) => f.id === s.present);
        s.setPresent(figures[(i + by + figures.length) % figures.length].id);
        return true;
      };
      let handled = true;
      switch (e.key) {
        case ' ':
          if (activates(t) || s.landing) return;
          if (s.status === 'paused') run.resume();
          else if (s.status === 'running') run.pause();
          break;
        case 's':
        case 'S':
          if (s.landing) return;
          run.step();
          break;
        case 'r':
        case 'R':
          if (s.landing) return;
          run.reset();
          break;
        case 'p':
        case 'P':
          if (s.landing || figures.length === 0) return;
          s.setPresent(s.present ? null : figures[0].id);
          break;
        case 't':
        case 'T':
          if (s.landing || !def?.tour?.length) return;
          s.setTourStep(0);
          break;
        case 'h':
        case 'H':
          s.showLanding();
          break;
        case '?':
          overlay.setOpen(!overlay.open);
          break;
        case 'PageDown':
          handled = step(1);
          break;
        case 'PageUp':
          handled = step(-1);
          break;
        case 'ArrowRight':
          handled = !slider(t) && step(1);
          break;
        case 'ArrowLeft':
          handled = !slider(t) && step(-1);
          break;
        default: {
          const n = Number(e.key);
          if (Number.isInteger(n) && n >= 1 && n <= registry.length) s.setExperiment(registry[n - 1].id);
          else handled = false;
        }
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, run, registry, overlay]);
}
