import seedrandom from 'seedrandom';
import type { CommandDef } from '../../src/experiments/types';
import { schemaKeys } from '../../src/schema/schemaKeys';

/**
 * Malformed inputs for one `lab` command, generated from its schema (keys and their types) and its
 * example: wrong shapes, ragged arrays, non-finite and extreme numbers, missing and extra keys, huge
 * arrays, wrong top-level types. Seeded: a failing case is reproduced from (command, seed, index).
 */
type Json = unknown;

const extremes: Json[] = [
  0,
  -1,
  -0.5,
  1e308,
  -1e308,
  1e-320,
  2 ** 31,
  1.5,
  'NaN',
  'Infinity',
  '1',
  '',
  null,
  true,
  [],
  {},
];

export function fuzzInputs(cmd: CommandDef, count: number, seed: number): { label: string; text: string }[] {
  const rng = seedrandom.alea(`${cmd.name}:${seed}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const keys = schemaKeys(cmd.schema);
  const base: Record<string, Json> =
    cmd.example && typeof cmd.example === 'object' && !Array.isArray(cmd.example)
      ? (cmd.example as Record<string, Json>)
      : {};
  const valueFor = (type: string): Json => {
    if (type.endsWith('[][]')) {
      const rows = pick([0, 1, 2, 3, 5]);
      return Array.from({ length: rows }, () =>
        Array.from({ length: pick([0, 1, 2, 3]) }, () => pick(extremes)),
      );
    }
    if (type.endsWith('[]')) return Array.from({ length: pick([0, 1, 2, 4, 9]) }, () => pick(extremes));
    if (type.includes("'")) return pick([...type.split('|').map((v) => v.slice(1, -1)), 'nope', '', 3]);
    return pick(extremes);
  };
  const mutations: [string, (v: Record<string, Json>) => Json][] = [
    [
      'drop a key',
      (v) => {
        const k = pick(Object.keys(v));
        if (k) delete v[k];
        return v;
      },
    ],
    ['extra key', (v) => ({ ...v, [pick(['widht', 'etaa', 'Xx', '__proto__x', 'é'])]: 1 })],
    [
      'extreme number',
      (v) => {
        const k = pick(keys);
        if (k) v[k.key] = pick(extremes);
        return v;
      },
    ],
    [
      'wrong type for a key',
      (v) => {
        const k = pick(keys);
        if (k) v[k.key] = pick(['x', null, {}, [[[]]], true]);
        return v;
      },
    ],
    [
      'random value of the right type',
      (v) => {
        const k = pick(keys);
        if (k) v[k.key] = valueFor(k.type);
        return v;
      },
    ],
    [
      'ragged array',
      (v) => {
        const k = keys.find((x) => x.type.endsWith('[][]'));
        if (k && Array.isArray(v[k.key]) && (v[k.key] as Json[]).length > 1) (v[k.key] as Json[][])[1] = [1];
        return v;
      },
    ],
    [
      'non-finite entry in an array',
      (v) => {
        const k = pick(keys.filter((x) => x.type.endsWith('[]')));
        const arr = k && v[k.key];
        if (Array.isArray(arr) && arr.length) {
          if (Array.isArray(arr[0])) (arr[0] as Json[])[0] = pick(['NaN', null, '1e309']);
          else arr[0] = pick(['NaN', null, 'Infinity']);
        }
        return v;
      },
    ],
    [
      'huge array',
      (v) => {
        const k = pick(keys.filter((x) => x.type.endsWith('[]')));
        if (k)
          v[k.key] = k.type.endsWith('[][]')
            ? Array.from({ length: 3000 }, () => [1, 2])
            : Array.from({ length: 100_000 }, () => 1);
        return v;
      },
    ],
    [
      'tiny magnitudes everywhere',
      (v) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' ? x * 1e-300 : x))),
    ],
    [
      'huge magnitudes everywhere',
      (v) =>
        JSON.parse(
          JSON.stringify(v, (_k, x) => (typeof x === 'number' && x !== 0 ? Math.sign(x) * 1e300 : x)),
        ),
    ],
    ['not an object', () => pick([[], 'text', 42, null, [base]])],
    ['all keys random', () => Object.fromEntries(keys.map((k) => [k.key, valueFor(k.type)]))],
  ];
  const out: { label: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const [label, mutate] = mutations[i % mutations.length];
    let v: Json = structuredClone(base);
    // One to three defects per input.
    const n = 1 + Math.floor(rng() * 3);
    for (let j = 0; j < n; j++) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) break; // only objects mutate further
      v = j === 0 ? mutate(v as Record<string, Json>) : pick(mutations)[1](v as Record<string, Json>);
    }
    let text = JSON.stringify(v) ?? 'null';
    // Non-JSON number spellings and broken JSON, as a user's file may hold.
    if (i % 17 === 5) text = text.replace(/"NaN"/g, 'NaN');
    if (i % 23 === 7) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    out.push({ label: `${cmd.name} #${i} (${label})`, text });
  }
  return out;
}
