import { create } from 'zustand';

/**
 * Linked equations: a term of a typeset equation and the curves it produces share an id (`term`).
 * Hovering or focusing either side makes it the linked term; the equation outlines the term and every
 * chart that draws a series with that term thickens it and dims its other series. One term at a time,
 * page-wide: the ids are the experiment's own, and only one experiment is on screen.
 */
export interface LinkedTermState {
  term: string | null;
  /** which side set it: a curve's hover ends when the pointer leaves that chart, not the equation */
  from: 'equation' | 'curve' | null;
  link: (term: string, from: 'equation' | 'curve') => void;
  /** clears the term, but only if `from` set it (leaving a curve does not undo an equation's hover) */
  unlink: (from: 'equation' | 'curve') => void;
}

export const useLinkedTerm = create<LinkedTermState>()((set, get) => ({
  term: null,
  from: null,
  link: (term, from) => {
    if (get().term !== term || get().from !== from) set({ term, from });
  },
  unlink: (from) => {
    if (get().from === from) set({ term: null, from: null });
  },
}));

/** How a series tagged `term` is drawn while `active` is linked: thicker, or dimmed, or as it is. */
export function linkedStyle(
  term: string | undefined,
  active: string | null,
  anyLinked: boolean,
): 'active' | 'dimmed' | 'plain' {
  if (active === null || !anyLinked) return 'plain';
  return term === active ? 'active' : 'dimmed';
}

/** Stroke width added to the linked series, and the opacity of the others. */
export const LINKED_EXTRA_WIDTH = 2.25;
export const UNLINKED_OPACITY = 0.25;
