import type { ZodType } from 'zod';

/**
 * What zod 4 knows about a number field's range, seen through the wrappers our schemas use: `.default()`,
 * `.optional()`, `.nullable()`, `.readonly()`, `.catch()` and pipes (`finite(lo, hi)` is
 * `finiteNumber.pipe(z.number().min(lo).max(hi))`: both sides' bounds apply). Refinements are checks of the
 * same schema, so they need no unwrapping. Bounds come from zod's own `minValue`, `maxValue` and `isInt`
 * (which fold `.min`, `.gt`, `.int()` and the like); whether an end is itself accepted (`.lt(0.5)`) is for
 * the caller to ask the field (`field.safeParse(end)`).
 */
export interface NumberFieldRange {
  /** the largest lower bound, inclusive or not (-Infinity when none) */
  min: number;
  /** the smallest upper bound, inclusive or not (+Infinity when none) */
  max: number;
  integer: boolean;
}

interface Def {
  type: string;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  shape?: Record<string, ZodType>;
}
const defOf = (s: ZodType): Def => (s as unknown as { def: Def }).def;

/** zod 4's classic ZodNumber getters. */
interface NumberGetters {
  minValue: number | null;
  maxValue: number | null;
  isInt: boolean;
}

/** The number schemas a field is made of (a pipe has two), or null when it is not a number field. */
function numberParts(s: ZodType, depth = 0): ZodType[] | null {
  if (depth > 16) return null;
  const d = defOf(s);
  switch (d.type) {
    case 'number':
      return [s];
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return d.innerType ? numberParts(d.innerType, depth + 1) : null;
    case 'pipe': {
      // A transform in front changes the value: only the output side then describes it.
      if (d.in && defOf(d.in).type === 'transform') return d.out ? numberParts(d.out, depth + 1) : null;
      const a = d.in ? numberParts(d.in, depth + 1) : null;
      const b = d.out ? numberParts(d.out, depth + 1) : null;
      return a && b ? [...a, ...b] : null;
    }
    default:
      return null;
  }
}

/** The range of a number field, or null when the field is not a number. */
export function numberFieldRange(field: ZodType): NumberFieldRange | null {
  const parts = numberParts(field);
  if (!parts) return null;
  let min = -Infinity;
  let max = Infinity;
  let integer = false;
  for (const p of parts) {
    const g = p as unknown as NumberGetters;
    min = Math.max(min, g.minValue ?? -Infinity);
    max = Math.min(max, g.maxValue ?? Infinity);
    integer ||= g.isInt;
  }
  return { min, max, integer };
}

/** An object schema's fields (through pipes and wrappers around it), or null when it is not one. */
export function objectShape(schema: ZodType): Record<string, ZodType> | null {
  let cur = schema;
  for (let i = 0; i < 16; i++) {
    const d = defOf(cur);
    if (d.type === 'object') return d.shape ?? null;
    if (d.type === 'pipe') cur = defOf(d.in!).type === 'transform' ? d.out! : d.in!;
    else if (d.innerType) cur = d.innerType;
    else return null;
  }
  return null;
}
