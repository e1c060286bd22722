import seedrandom from 'seedrandom';
import type { AnyExperiment } from '../../src/experiments/types';
import { schemaKeys } from '../../src/schema/schemaKeys';

/**
 * Hostile and careless links for every experiment of the registry: out-of-range, zero, negative, 1e308,
 * 1e-320, NaN, Infinity, empty, strings, unicode, huge values, unknown and duplicate keys, bad
 * percent-encoding, unknown experiment ids and backends. Seeded and reproducible: state i of seed s is
 * always the same link.
 */
const weird = [
  '0',
  '-1',
  '-0',
  '1e308',
  '-1e308',
  '1e-320',
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  ' ',
  'abc',
  '1,2',
  '0x10',
  '1e',
  '٣',
  '∞',
  '🙂',
  '%E0%A4%A',
  '%',
  '%%',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '9'.repeat(400),
  'x'.repeat(3000),
];

export function fuzzHashes(experiments: readonly AnyExperiment[], count: number, seed: number): string[] {
  const rng = seedrandom.alea(`url:${seed}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const e = pick(experiments);
    const keys = schemaKeys(e.schema);
    const parts: string[] = [];
    const nKeys = 1 + Math.floor(rng() * 4);
    for (let j = 0; j < nKeys; j++) {
      const k = pick(keys);
      if (!k) break;
      const control = e.controls.find((c) => c.key === k.key);
      const value =
        control?.kind === 'number' && rng() < 0.35
          ? String(
              pick([
                control.min - 1,
                control.max * 10,
                control.min / 1e6,
                control.max + 1,
                (control.min + control.max) / 2,
              ]),
            )
          : control?.kind === 'choice' && rng() < 0.3
            ? pick(control.options).value
            : pick(weird);
      // Mostly encoded as a link would be; sometimes raw (bad percent-encoding reaches the parser).
      parts.push(`${k.key}=${rng() < 0.7 ? encodeURIComponent(value) : value}`);
      if (rng() < 0.1) parts.push(`${k.key}=${pick(weird)}`); // duplicate key
    }
    if (rng() < 0.2) parts.push(`${pick(['sigma', 'widht', 'foo', '🙂', ''])}=${pick(weird)}`); // unknown key
    if (rng() < 0.25)
      parts.push(`backend=${pick(['auto', 'webgpu', 'webgl', 'wasm', 'cpu', 'cuda', '', 'WEBGL'])}`);
    const id = rng() < 0.08 ? pick(['nope', '', '..%2F', 'label-noise', e.id.toUpperCase()]) : e.id;
    const hash =
      rng() < 0.03 ? pick(['#', '#/', '#garbage', '#/?', `#/${id}?&&=&`]) : `#/${id}?${parts.join('&')}`;
    out.push(hash);
  }
  return out;
}
