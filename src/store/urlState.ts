import type { ZodType } from 'zod';
import { backendNames, type BackendChoice } from '../engine/protocol';
import { schemaKeys } from '../schema/schemaKeys';

export interface UrlState<P> {
  experiment: string;
  /** `#/`, an empty hash or an unknown id: the landing view (experiment is then the fallback) */
  landing: boolean;
  params: P;
  backend: BackendChoice;
  /** `present=<figure id>`: that figure fills the screen (presentation mode) */
  present: string | null;
  /** `hide=a,b`: controls (by key), figures (by id) or regions (hideRegions) left out of the view */
  hide: string[];
  /** `tour=N`: step N (1-based in the link, 0-based here) of the experiment's guided tour */
  tour: number | null;
  /** one message per rejected URL entry; the defaults were kept for those */
  errors: string[];
}

const backendChoices: readonly string[] = ['auto', ...backendNames];

/** A value as a notice quotes it: at most 40 characters, so a 3000-character link stays readable. */
const short = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Decimal notation only: Number() would also read '0x10', '0b1' and ' ' (as 0) — not what a link means. */
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const toNumber = (raw: string) =>
  decimal.test(raw.trim()) ? Number(raw) : /^[+-]?Infinity$/.test(raw.trim()) ? Number(raw) : NaN;

/**
 * A URL value as the schema's field type expects it, so the schema (not this codec) judges it: numbers
 * (empty → NaN, rejected with a message), booleans ('true'/'false', also '1'/'0'), arrays of numbers
 * (comma-separated), anything else as the string. The type comes from the schema, not from the default.
 */
function fromUrl(kind: string | undefined, raw: string): unknown {
  switch (kind) {
    case 'number':
      return toNumber(raw);
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    case 'array':
      return raw.trim() === '' ? [] : raw.split(',').map(toNumber);
    default:
      return raw;
  }
}

/** Parts of the page a `hide=` link may leave out, besides controls (by key) and figures (by id). */
const hideRegions = ['header', 'controls', 'status', 'notes', 'footer'] as const;

/** What the view keys of a link say: presentation mode and hidden parts. */
export interface ViewState {
  present?: string | null;
  hide?: readonly string[];
  /** 0-based step of the tour */
  tour?: number | null;
}

/** `#/<experiment>?k=v&…&backend=auto[&present=…][&hide=…]` — the whole state, so a copied link reproduces the view. */
export function encodeHash(
  experiment: string,
  params: Record<string, unknown>,
  backend: BackendChoice,
  view: ViewState = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  q.set('backend', backend);
  if (view.present) q.set('present', view.present);
  if (view.hide && view.hide.length > 0) q.set('hide', view.hide.join(','));
  if (view.tour !== undefined && view.tour !== null) q.set('tour', String(view.tour + 1));
  return `#/${encodeURIComponent(experiment)}?${q.toString()}`;
}

/** What the codec needs of an experiment: its schema and defaults, and the names its view keys may use. */
export interface KnownExperiment<P> {
  schema: ZodType<P>;
  defaults: P;
  figures?: readonly { id: string }[];
  controls?: readonly { key: string }[];
  tour?: readonly unknown[];
}

/** Keys of a link that are not params. */
const viewKeys = new Set(['backend', 'present', 'hide', 'tour']);

export function parseHash<P extends Record<string, unknown>>(
  hash: string,
  known: Record<string, KnownExperiment<P>>,
  fallbackExperiment: string,
): UrlState<P> {
  const errors: string[] = [];
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  let experiment = fallbackExperiment;
  let landing = !hash || hash === '#' || hash === '#/';
  if (hash && hash !== '#' && !m) {
    errors.push(`unrecognised link "${hash.slice(0, 60)}"; here are the experiments`);
    landing = true;
  }
  if (m) {
    let id = m[1];
    try {
      id = decodeURIComponent(m[1]);
    } catch {
      // bad percent-encoding: keep the raw text, which then names no experiment
    }
    if (known[id]) experiment = id;
    else {
      landing = true;
      if (id) errors.push(`unknown experiment "${short(id)}"; here are the experiments`);
    }
  }
  const { schema, defaults } = known[experiment];
  const q = new URLSearchParams(m?.[2] ?? '');
  let backend: BackendChoice = 'auto';
  const b = q.get('backend');
  if (b !== null) {
    if (backendChoices.includes(b)) backend = b as BackendChoice;
    else errors.push(`backend "${short(b)}" is not one of ${backendChoices.join(', ')}; using auto`);
  }
  const { present, hide, tour } = landing
    ? { present: null, hide: [], tour: null }
    : parseView(q, known[experiment], experiment, errors);
  const base = { experiment, landing, backend, present, hide, tour };
  // The landing has no params: what follows an unknown id is not judged against another experiment.
  if (landing) {
    const ignored = [...new Set(q.keys())].filter((k) => k !== '' && k !== 'backend');
    if (ignored.length && errors.length === 0)
      errors.push(
        `the list of experiments takes no parameters; ignored: ${ignored.slice(0, 5).map(short).join(', ')}${ignored.length > 5 ? ', …' : ''}`,
      );
    return { ...base, params: defaults, errors };
  }
  const kinds = Object.fromEntries(schemaKeys(schema).map((k) => [k.key, k.kind]));
  const candidate: Record<string, unknown> = { ...defaults };
  const seen = new Map<string, number>();
  for (const k of q.keys()) seen.set(k, (seen.get(k) ?? 0) + 1);
  for (const [k, n] of seen)
    if (n > 1) errors.push(`"${short(k)}" is given ${n} times; using the last value`);
  // What the link said, verbatim, so a notice quotes the user's text ("abc"), not its coercion (NaN).
  const rawOf = new Map<string, string>();
  for (const [k, raw] of q.entries()) {
    if (viewKeys.has(k)) continue;
    if (!(k in defaults)) {
      if (!rawOf.has(k)) errors.push(`unknown parameter "${short(k)}" ignored`);
      rawOf.set(k, raw);
      continue;
    }
    rawOf.set(k, raw);
    candidate[k] = fromUrl(kinds[k], raw);
  }
  // Validate the whole set; drop each offending key back to its default and say why.
  let params = candidate;
  for (let attempt = 0; attempt < 8; attempt++) {
    const r = schema.safeParse(params);
    if (r.success) return { ...base, params: r.data, errors };
    const bad = new Set<string>();
    for (const issue of r.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (key in defaults && params[key] !== defaults[key] && !bad.has(key)) {
        bad.add(key);
        errors.push(
          `${key} = "${short(rawOf.get(key) ?? String(params[key]))}" rejected: ${issue.message}; using ${String(defaults[key])}`,
        );
      }
    }
    if (bad.size === 0) break;
    params = { ...params };
    for (const k of bad) params[k] = defaults[k];
  }
  errors.push('the link could not be repaired; showing the defaults');
  return { ...base, params: defaults, errors };
}

/** `present` must name one of the experiment's figures; `hide` its controls, figures or a region. */
function parseView(
  q: URLSearchParams,
  e: KnownExperiment<unknown>,
  id: string,
  errors: string[],
): { present: string | null; hide: string[]; tour: number | null } {
  const figureIds = (e.figures ?? []).map((f) => f.id);
  let present: string | null = null;
  const p = q.get('present');
  if (p !== null) {
    if (figureIds.includes(p)) present = p;
    else
      errors.push(
        `present = "${short(p)}" is not a figure of ${id}` +
          (figureIds.length ? ` (one of: ${figureIds.join(', ')})` : ''),
      );
  }
  const hideable = new Set<string>([...hideRegions, ...figureIds, ...(e.controls ?? []).map((c) => c.key)]);
  const hide: string[] = [];
  const h = q.get('hide');
  if (h !== null)
    for (const name of h.split(',').filter(Boolean)) {
      if (!hideable.has(name))
        errors.push(
          `hide = "${short(name)}" is not a control, figure or region of ${id} (regions: ${hideRegions.join(', ')})`,
        );
      else if (!hide.includes(name)) hide.push(name);
    }
  let tour: number | null = null;
  const t = q.get('tour');
  if (t !== null) {
    const steps = e.tour?.length ?? 0;
    const n = Number(t);
    if (Number.isInteger(n) && n >= 1 && n <= steps) tour = n - 1;
    else
      errors.push(
        steps
          ? `tour = "${short(t)}" is not a step of ${id}'s tour (1 to ${steps})`
          : `tour = "${short(t)}": ${id} has no tour`,
      );
  }
  return { present, hide, tour };
}
