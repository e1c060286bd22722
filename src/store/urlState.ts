import type { ZodType } from 'zod';
import { backendNames, type BackendChoice } from '../engine/protocol';
import { schemaKeys } from '../schema/schemaKeys';

export interface UrlState<P> {
  experiment: string;
  params: P;
  backend: BackendChoice;
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

/** `#/<experiment>?k=v&…&backend=auto` — the whole state, so a copied link reproduces the figure. */
export function encodeHash(
  experiment: string,
  params: Record<string, unknown>,
  backend: BackendChoice,
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  q.set('backend', backend);
  return `#/${encodeURIComponent(experiment)}?${q.toString()}`;
}

export function parseHash<P extends Record<string, unknown>>(
  hash: string,
  known: Record<string, { schema: ZodType<P>; defaults: P }>,
  fallbackExperiment: string,
): UrlState<P> {
  const errors: string[] = [];
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  let experiment = fallbackExperiment;
  if (hash && hash !== '#' && !m)
    errors.push(`unrecognised link "${hash.slice(0, 60)}"; showing the defaults`);
  if (m) {
    let id = m[1];
    try {
      id = decodeURIComponent(m[1]);
    } catch {
      // bad percent-encoding: keep the raw text, which then names no experiment
    }
    if (known[id]) experiment = id;
    else if (id) errors.push(`unknown experiment "${short(id)}"; showing "${fallbackExperiment}"`);
  }
  const { schema, defaults } = known[experiment];
  const q = new URLSearchParams(m?.[2] ?? '');
  let backend: BackendChoice = 'auto';
  const b = q.get('backend');
  if (b !== null) {
    if (backendChoices.includes(b)) backend = b as BackendChoice;
    else errors.push(`backend "${short(b)}" is not one of ${backendChoices.join(', ')}; using auto`);
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
    if (k === 'backend') continue;
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
    if (r.success) return { experiment, params: r.data, backend, errors };
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
  return { experiment, params: defaults, backend, errors };
}
