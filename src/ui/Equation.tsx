import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useLinkedTerm } from '../charts/linkedTerms';

/** One linked term: its colour (the colour of the curves it produces) and what a screen reader says. */
export interface EquationTerm {
  color: string;
  label: string;
}

// \htmlData{term=id}{…} marks a linked term; only that HTML extension is trusted (the TeX is ours).
const options = (display: boolean) => ({
  displayMode: display,
  throwOnError: false,
  trust: (ctx: { command: string }) => ctx.command === '\\htmlData',
  strict: (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn'),
});

const termOf = (target: EventTarget | null): string | null =>
  target instanceof Element ? (target.closest<HTMLElement>('[data-term]')?.dataset.term ?? null) : null;

/**
 * Typeset TeX with KaTeX (bundled: no CDN, no network). With `terms`, each `\htmlData{term=id}{…}` of the
 * TeX is coloured like its curves and linked both ways (charts/linkedTerms.ts): hovering a term thickens
 * the curves tagged with it; hovering such a curve outlines the term. KaTeX hides its HTML from screen
 * readers (they read its MathML), so the terms cannot take focus themselves: the equation does, and ← / →
 * step the highlight through its terms, announced by name; Esc clears it.
 */
export function Equation(props: { tex: string; display?: boolean; terms?: Record<string, EquationTerm> }) {
  const { tex, display = false, terms } = props;
  const html = useMemo(() => katex.renderToString(tex, options(display)), [tex, display]);
  const ref = useRef<HTMLSpanElement>(null);
  const active = useLinkedTerm((s) => (terms && s.term !== null && s.term in terms ? s.term : null));
  const link = useLinkedTerm((s) => s.link);
  const unlink = useLinkedTerm((s) => s.unlink);
  useEffect(() => {
    const root = ref.current;
    if (!root || !terms) return;
    root.querySelectorAll<HTMLElement>('[data-term]').forEach((el) => {
      const t = terms[el.dataset.term ?? ''];
      if (!t) return;
      el.style.color = t.color;
      el.classList.add('eq-term');
      el.classList.toggle('eq-term-active', el.dataset.term === active);
    });
  }, [html, terms, active]);
  const className = display ? 'eq eq-display' : 'eq';
  if (!terms) return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  const hover = (e: MouseEvent) => {
    const t = termOf(e.target);
    if (t && t in terms) link(t, 'equation');
    else unlink('equation');
  };
  /** the terms in the order they are typeset */
  const order = () =>
    [...(ref.current?.querySelectorAll<HTMLElement>('[data-term]') ?? [])]
      .map((el) => el.dataset.term ?? '')
      .filter((t, i, all) => t in terms && all.indexOf(t) === i);
  const step = (by: number) => {
    const ids = order();
    if (ids.length === 0) return;
    const i = active === null ? (by > 0 ? -1 : 0) : ids.indexOf(active);
    link(ids[(i + by + ids.length) % ids.length], 'equation');
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') step(1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') step(-1);
    else if (e.key === 'Escape') unlink('equation');
    else return;
    // the arrows belong to the equation here, not to the page's shortcuts
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <span
      className={`${className} eq-linked`}
      data-testid="linked-equation"
      tabIndex={0}
      role="group"
      aria-label="equation with linked terms: ← and → highlight each term and its curves"
      onMouseOver={hover}
      onMouseLeave={() => unlink('equation')}
      onFocus={() => step(1)}
      onBlur={() => unlink('equation')}
      onKeyDown={onKeyDown}
    >
      <span ref={ref} dangerouslySetInnerHTML={{ __html: html }} />
      <span className="sr-only" aria-live="polite">
        {active ? terms[active].label : ''}
      </span>
    </span>
  );
}
