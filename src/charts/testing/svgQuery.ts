/**
 * Minimal queries over static markup from react-dom/server, for the marks' rendered-SVG tests (the
 * test environment is node: no DOM). Enough for React's output: double-quoted attributes, no CDATA.
 */
export interface Element {
  tag: string;
  attrs: Record<string, string>;
  /** Text content (tags stripped, entities of React's escaping decoded). */
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

/** Every element `tag` whose attributes include all of `where` (value '*' = present). */
export function findAll(markup: string, tag: string, where: Record<string, string> = {}): Element[] {
  const out: Element[] = [];
  const open = new RegExp(`<${tag}((?:\\s+[^\\s=>/]+(?:="[^"]*")?)*)\\s*(/?)>`, 'g');
  for (let m = open.exec(markup); m; m = open.exec(markup)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g)) attrs[a[1]] = decode(a[2] ?? '');
    if (!Object.entries(where).every(([k, v]) => k in attrs && (v === '*' || attrs[k] === v))) continue;
    let text = '';
    if (!m[2]) {
      const close = markup.indexOf(`</${tag}>`, open.lastIndex);
      if (close >= 0) text = decode(markup.slice(open.lastIndex, close).replace(/<[^>]*>/g, ''));
    }
    out.push({ tag, attrs, text });
  }
  return out;
}

export function findOne(markup: string, tag: string, where: Record<string, string> = {}): Element {
  const all = findAll(markup, tag, where);
  if (all.length !== 1)
    throw new Error(`expected one <${tag}> ${JSON.stringify(where)}, found ${all.length}`);
  return all[0];
}

/** The points of an SVG path made of M/L commands (Z ignored), as [x, y] pairs. */
export function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+(?:e-?\d+)?),(-?[\d.]+(?:e-?\d+)?)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

/** The x, y of a `translate(x,y)` transform. */
export function translation(transform: string | undefined): [number, number] {
  const m = /translate\((-?[\d.]+),\s*(-?[\d.]+)\)/.exec(transform ?? '');
  if (!m) throw new Error(`no translate in ${transform}`);
  return [Number(m[1]), Number(m[2])];
}
