import type { ZodType } from 'zod';

/** zod 4's internal definition, as far as describing inputs needs it. */
interface Def {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  element?: ZodType;
  entries?: Record<string, string>;
}
const defOf = (s: ZodType): Def => (s as unknown as { def: Def }).def;

/** Strips wrappers that do not change the kind of value (pipes, refinements, defaults). */
function core(s: ZodType): { schema: ZodType; optional: boolean } {
  let optional = false;
  let cur = s;
  for (let i = 0; i < 16; i++) {
    const d = defOf(cur);
    if (d.type === 'optional' || d.type === 'default') {
      optional = true;
      cur = d.innerType!;
    } else if (d.type === 'nullable' || d.type === 'readonly') cur = d.innerType!;
    else if (d.type === 'pipe') cur = defOf(d.in!).type === 'transform' ? d.out! : d.in!;
    else break;
  }
  return { schema: cur, optional };
}

/** A short type name for help texts: `number`, `integer`, `'a'|'b'`, `number[][]`, `boolean`. */
function describeType(s: ZodType): string {
  const { schema } = core(s);
  const d = defOf(schema);
  switch (d.type) {
    case 'number': {
      const checks = (schema as unknown as { def: { checks?: { _zod: { def: { format?: string } } }[] } }).def
        .checks;
      return checks?.some((c) => c._zod.def.format === 'safeint') ? 'integer' : 'number';
    }
    case 'enum':
      return Object.values(d.entries ?? {})
        .map((v) => `'${v}'`)
        .join('|');
    case 'array':
      return `${describeType(d.element!)}[]`;
    default:
      return d.type;
  }
}

/** The keys of an object schema (seen through pipes and preprocessing), with their types. */
export function schemaKeys(s: ZodType): { key: string; type: string; optional: boolean; kind: string }[] {
  const { schema } = core(s);
  const shape = defOf(schema).shape;
  if (!shape) return [];
  return Object.entries(shape).map(([key, v]) => ({
    key,
    type: describeType(v),
    optional: core(v).optional,
    kind: defOf(core(v).schema).type,
  }));
}
