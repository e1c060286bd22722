import type { ZodType } from 'zod';
import { numberFieldRange, objectShape } from '../schema/numberField';

/**
 * Controls typed from the experiment's params: a control's key must be a key of the params (a number key
 * for a slider or the seed box, a string key for a choice, whose options must be values of that key), and a
 * slider's range and integer flag are read from the schema field by `numberControl`, so the slider, the
 * URL, the presets and the CLI cannot disagree about what is valid.
 */

type ParamsRecord = Record<string, unknown>;

/** The keys of P whose values are numbers. */
export type NumberKey<P> = { [K in keyof P]-?: P[K] extends number ? K : never }[keyof P] & string;
/** The keys of P whose values are strings (enums). */
type ChoiceKey<P> = { [K in keyof P]-?: P[K] extends string ? K : never }[keyof P] & string;

declare const fromSchema: unique symbol;

/** A slider; made only by `numberControl`, which reads its range from the schema. */
export interface NumberControl<P> {
  kind: 'number';
  key: NumberKey<P>;
  label: string;
  /** the slider's ends: the schema field's bounds, or a narrower `uiMin`/`uiMax` checked to lie within them */
  readonly min: number;
  readonly max: number;
  scale: 'log' | 'linear';
  /** the field is an integer (from the schema) */
  readonly integer: boolean;
  /** the slider's values are multiples of this (checked against the slider's ends) */
  readonly step?: number;
  help: string;
  /** the control only applies when this holds (e.g. custom Σ entries) */
  enabledWhen?: (params: P) => boolean;
  /** a brand: an object literal with a hand-written range is not a NumberControl */
  readonly [fromSchema]: true;
}

type ChoiceControlOf<P, K extends keyof P & string> = {
  kind: 'choice';
  key: K;
  label: string;
  options: readonly { value: P[K] & string; label: string }[];
  help: string;
  enabledWhen?: (params: P) => boolean;
};
/** A select; its options are values of its key's enum. */
type ChoiceControl<P> = { [K in ChoiceKey<P>]: ChoiceControlOf<P, K> }[ChoiceKey<P>];

/** The seed field (a number box and a "new seed" button); its key must be an integer param. */
interface SeedControl<P> {
  kind: 'seed';
  key: NumberKey<P>;
  label?: string;
  help?: string;
  enabledWhen?: (params: P) => boolean;
}

export type Control<P> = NumberControl<P> | ChoiceControl<P> | SeedControl<P>;

interface NumberControlSpec<P> {
  label: string;
  help: string;
  scale: 'log' | 'linear';
  /**
   * A narrower slider than the schema allows, when the schema's range would make the slider useless (the
   * text box still takes anything the schema accepts). Must lie within the schema's bounds.
   */
  uiMin?: number;
  uiMax?: number;
  /** the slider moves in multiples of this (an integer field the params refine further, e.g. 2: even widths) */
  step?: number;
  enabledWhen?: (params: P) => boolean;
}

/**
 * A slider for `key`, its range and integer flag read from the schema's field. Throws at definition time
 * (module load, so at start-up and in every test that imports the experiment) when the key is not a
 * number field, the field has no finite bounds, an end of the slider is not a valid value (an exclusive
 * bound such as `.lt(0.5)` needs a `uiMax` below it), a `uiMin`/`uiMax` lies outside the schema's range,
 * or a log slider reaches 0.
 */
export function numberControl<P extends ParamsRecord, K extends NumberKey<P>>(
  schema: ZodType<P>,
  key: K,
  spec: NumberControlSpec<NoInfer<P>>,
): NumberControl<P> {
  const where = `control "${key}"`;
  const field = objectShape(schema)?.[key];
  if (!field) throw new Error(`${where}: the schema has no such key`);
  const range = numberFieldRange(field);
  if (!range) throw new Error(`${where}: the schema field is not a number`);
  if (!Number.isFinite(range.min) || !Number.isFinite(range.max))
    throw new Error(
      `${where}: the schema field has no finite bounds (${range.min} … ${range.max}); give it .min() and .max()`,
    );
  const { uiMin, uiMax, ...rest } = spec;
  if (uiMin !== undefined && !(uiMin >= range.min))
    throw new Error(`${where}: uiMin ${uiMin} is below the schema's minimum ${range.min}`);
  if (uiMax !== undefined && !(uiMax <= range.max))
    throw new Error(`${where}: uiMax ${uiMax} is above the schema's maximum ${range.max}`);
  const min = uiMin ?? range.min;
  const max = uiMax ?? range.max;
  if (!(min < max)) throw new Error(`${where}: empty range ${min} … ${max}`);
  for (const [end, v] of [
    ['min', min],
    ['max', max],
  ] as const)
    if (!field.safeParse(v).success)
      throw new Error(
        `${where}: the slider's ${end} ${v} is not a valid value (an exclusive bound? give ui${end === 'min' ? 'Min' : 'Max'} inside it)`,
      );
  if (spec.step !== undefined && (min % spec.step !== 0 || max % spec.step !== 0))
    throw new Error(`${where}: the slider's ends ${min} … ${max} are not multiples of its step ${spec.step}`);
  if (spec.scale === 'log' && !(min > 0)) throw new Error(`${where}: a log slider needs min > 0, not ${min}`);
  return { kind: 'number', key, ...rest, min, max, integer: range.integer } as unknown as NumberControl<P>;
}

/**
 * Clamps a value into the schema field's range, for a figure's draggable marker that sets a param (so a
 * drag past the end sets the end instead of a value the schema refuses). The range is read once.
 */
export function clampToField<P extends ParamsRecord>(schema: ZodType<P>, key: NumberKey<P>) {
  const field = objectShape(schema)?.[key];
  const range = field ? numberFieldRange(field) : null;
  if (!range) throw new Error(`clampToField: "${key}" is not a number field of the schema`);
  return (v: number) => Math.min(Math.max(v, range.min), range.max);
}

/** A control as the checks see it, whatever its experiment's params. */
interface AnyControl {
  kind: string;
  key: string;
  min?: number;
  max?: number;
  integer?: boolean;
  options?: readonly { value: string }[];
}

/**
 * What is wrong with an experiment's controls against its schema (empty when nothing): a key the schema
 * lacks, a slider whose range or integer flag disagrees with its field (a narrower range is allowed only
 * if both ends are valid values), a seed that is not an integer field, a choice option the field refuses.
 * The types and `numberControl` already prevent these; this catches what a cast or a hand-edited object
 * would let through, at start-up (registry.ts) and in the contract test.
 */
export function controlProblems(schema: ZodType, controls: readonly AnyControl[]): string[] {
  const shape = objectShape(schema);
  if (!shape) return ['the schema is not an object schema'];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of controls) {
    const where = `control "${c.key}"`;
    if (seen.has(c.key)) out.push(`${where}: listed twice`);
    seen.add(c.key);
    const field = shape[c.key];
    if (!field) {
      out.push(`${where}: not a key of the schema`);
      continue;
    }
    const range = numberFieldRange(field);
    if (c.kind === 'number' || c.kind === 'seed') {
      if (!range) {
        out.push(`${where}: the schema field is not a number`);
        continue;
      }
      if (c.kind === 'seed') {
        if (!range.integer) out.push(`${where}: a seed must be an integer field`);
        continue;
      }
      const { min = NaN, max = NaN } = c;
      if (c.integer !== range.integer)
        out.push(
          `${where}: integer ${c.integer} but the schema field is ${range.integer ? '' : 'not '}an integer`,
        );
      const exact = min === range.min && max === range.max;
      const inside = min >= range.min && max <= range.max && min < max;
      if (!exact && !inside)
        out.push(`${where}: range ${min} … ${max} is not within the schema's ${range.min} … ${range.max}`);
      for (const v of [min, max])
        if (!field.safeParse(v).success) out.push(`${where}: the slider's end ${v} is refused by the schema`);
    } else if (c.kind === 'choice') {
      for (const o of c.options ?? [])
        if (!field.safeParse(o.value).success)
          out.push(`${where}: option "${o.value}" is refused by the schema`);
    } else out.push(`${where}: unknown kind "${c.kind}"`);
  }
  return out;
}
