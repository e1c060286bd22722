/**
 * How long each experiment took, on this machine, from the start of a run at its defaults to the first
 * data on its figures: measured by the run controller, kept in localStorage, shown on the landing cards.
 */
const key = (id: string) => `lab:first-figure-ms:${id}`;

export function recordFirstFigure(id: string, ms: number): void {
  try {
    localStorage.setItem(key(id), String(Math.round(ms)));
  } catch {
    // storage disabled (private mode, a sandboxed frame): the card just says "not measured here yet"
  }
}

export function firstFigureMs(id: string): number | null {
  try {
    const v = Number(localStorage.getItem(key(id)) ?? NaN);
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}
