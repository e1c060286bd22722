import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { HoverPoint } from './plotContext';

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
const LINKED_EXTRA_WIDTH = 2.25;
const UNLINKED_OPACITY = 0.25;

/** A mark's stroke props for its look: thicker when linked, faint when another term is. */
function linkedMarkProps(
  look: 'active' | 'dimmed' | 'plain',
  width: number,
): { width?: number; opacity?: number; linked?: 'active' | 'dimmed' } {
  if (look === 'active') return { width: width + LINKED_EXTRA_WIDTH, linked: look };
  if (look === 'dimmed') return { opacity: UNLINKED_OPACITY, linked: look };
  return {};
}

/**
 * A chart's side of the link: the linked term as it draws it (`active`, and `any`: it draws that term),
 * and a hover handler for its Plot that links the term `find` names at the pointer (plot px; null: no
 * tagged mark near it). `find` should be memoised on what it reads.
 */
export function useLinkedMarks(
  terms: readonly (string | undefined)[],
  find: (px: number, py: number) => string | null,
) {
  const active = useLinkedTerm((s) => s.term);
  const link = useLinkedTerm((s) => s.link);
  const unlink = useLinkedTerm((s) => s.unlink);
  const tagged = terms.some((t) => t !== undefined);
  const any = active !== null && terms.includes(active);
  const onHover = useMemo(() => {
    if (!tagged) return undefined;
    return (h: HoverPoint | null) => {
      const term = h && h.py !== null ? find(h.px, h.py) : null;
      if (term !== null) link(term, 'curve');
      else unlink('curve');
    };
  }, [tagged, find, link, unlink]);
  // a chart that unmounts under the pointer leaves no curve linked
  useEffect(() => (tagged ? () => unlink('curve') : undefined), [tagged, unlink]);
  /** the stroke props of a mark tagged `term`, drawn `width` px wide when nothing is linked */
  const markProps = (term: string | undefined, width: number) =>
    linkedMarkProps(linkedStyle(term, active, any), width);
  return { onHover, markProps };
}
