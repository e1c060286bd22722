import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useEffect, useMemo, useRef, type FocusEvent, type MouseEvent } from 'react';
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
 * TeX is coloured like its curves, focusable, and linked both ways (charts/linkedTerms.ts): hovering or
 * focusing it thickens the curves tagged with that term; hovering such a curve outlines the term.
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
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', `${t.label}: highlight its curve`);
      el.setAttribute('aria-pressed', String(el.dataset.term === active));
    });
  }, [html, terms, active]);
  if (!terms)
    return <span className={display ? 'eq eq-display' : 'eq'} dangerouslySetInnerHTML={{ __html: html }} />;
  const enter = (e: MouseEvent | FocusEvent) => {
    const t = termOf(e.target);
    if (t && t in terms) link(t, 'equation');
    else unlink('equation');
  };
  return (
    <span
      ref={ref}
      className={display ? 'eq eq-display eq-linked' : 'eq eq-linked'}
      data-testid="linked-equation"
      onMouseOver={enter}
      onFocus={enter}
      onMouseLeave={() => unlink('equation')}
      onBlur={() => unlink('equation')}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
