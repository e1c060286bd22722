import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/** Typeset TeX with KaTeX (bundled: no CDN, no network). */
export function Equation({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false }),
    [tex, display],
  );
  return <span className={display ? 'eq eq-display' : 'eq'} dangerouslySetInnerHTML={{ __html: html }} />;
}
