/**
 * Reading a run from a file so it can be drawn over a figure: a metric over steps as CSV (any header,
 * TensorBoard's scalar export `Wall time,Step,Value` included, the lab's own CSV export with its `#`
 * lines too) or JSON (`[{step, value}, …]`, `{"steps": […], "values": […]}`, TensorBoard's
 * `[[wall time, step, value], …]`). Pure: text in, columns or a message naming the line out.
 */
import { z } from 'zod';

/** Files larger than this are refused before they are read (a run of 10⁵ steps as CSV is ~3 MB). */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;
export const IMPORT_LIMIT_TEXT = '5 MB';

/** One column of the file: its name and its cells as text, each with the line it came from. */
interface Column {
  name: string;
  cells: (string | number | null)[];
}

/** The file as named columns of equal length; line[i] is the file line of row i (1-based). */
export interface RunTable {
  format: 'csv' | 'tensorboard-csv' | 'json-records' | 'json-columns' | 'tensorboard-json';
  columns: Column[];
  lines: number[];
}

export interface ImportedRun {
  /** the file name, as shown in the legend */
  name: string;
  xColumn: string;
  yColumn: string;
  x: number[];
  y: number[];
  /** rows with an empty cell in x or y (the lab's own CSV pads shorter columns with empty cells) */
  skipped: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Refuses a file over the limit by its size alone (the dialog calls this before reading it). */
export function checkImportSize(name: string, bytes: number): string | null {
  return bytes > IMPORT_LIMIT_BYTES
    ? `${name} is ${mb(bytes)}; the limit is ${IMPORT_LIMIT_TEXT} (thin the run out, e.g. every 10th step)`
    : null;
}

/** Decimal numbers as CSV writers spell them, plus the non-finite spellings of numpy and pandas. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '-infinity': -Infinity,
};

/** A cell's number, null for an empty cell, undefined for text that is not a number. */
function cellNumber(cell: string | number | null): number | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return cell;
  const t = cell.trim();
  if (t === '') return null;
  if (NUMBER.test(t)) return Number(t);
  return Object.hasOwn(NON_FINITE, t.toLowerCase()) ? NON_FINITE[t.toLowerCase()] : undefined;
}

function splitRow(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

function parseCsvTable(text: string): Result<RunTable> {
  const lines = text.split(/\r\n|\n|\r/);
  const at = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
  if (at < 0) return fail('the file has no header line (and no data)');
  const headerLine = lines[at];
  const sep = headerLine.includes(',')
    ? ','
    : headerLine.includes('\t')
      ? '\t'
      : headerLine.includes(';')
        ? ';'
        : ',';
  const header = splitRow(headerLine, sep);
  const blank = header.findIndex((h) => h === '');
  if (blank >= 0) return fail(`line ${at + 1}: column ${blank + 1} of the header has no name`);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) return fail(`line ${at + 1}: the header names column '${dup}' twice`);
  if (header.every((h) => cellNumber(h) !== undefined))
    return fail(`line ${at + 1}: the first line is data, not a header (name the columns, e.g. step,value)`);
  const columns: Column[] = header.map((name) => ({ name, cells: [] }));
  const rowLines: number[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || l.startsWith('#')) continue;
    const cells = splitRow(l, sep);
    if (cells.length !== header.length)
      return fail(`line ${i + 1}: ${cells.length} cells, but the header has ${header.length} columns`);
    cells.forEach((c, j) => columns[j].cells.push(c));
    rowLines.push(i + 1);
  }
  if (rowLines.length === 0) return fail(`the file has a header (line ${at + 1}) but no data rows`);
  const tb = header.length === 3 && header.join(',').toLowerCase() === 'wall time,step,value';
  return { ok: true, value: { format: tb ? 'tensorboard-csv' : 'csv', columns, lines: rowLines } };
}

/**
 * The line where each value at depth 1 and 2 of a JSON text starts, by path ("3", "3/step",
 * "values/7"): JSON.parse knows no lines, and a message must name one.
 */
function jsonValueLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack: { kind: 'array' | 'object'; index: number; key: string | null; path: string }[] = [];
  let line = 1;
  let expectValue = true;
  let lastString = '';
  const noteValue = () => {
    if (!expectValue || stack.length === 0 || stack.length > 2) return;
    const top = stack[stack.length - 1];
    const seg = top.kind === 'array' ? String(top.index) : (top.key ?? '');
    const path = top.path ? `${top.path}/${seg}` : seg;
    if (!out.has(path)) out.set(path, line);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '"') {
      let s = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        else s += text[i];
        if (text[i] === '\n') line++;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.key === null) {
        lastString = s;
        expectValue = false;
      } else {
        noteValue();
        expectValue = false;
      }
    } else if (ch === ':') {
      const top = stack[stack.length - 1];
      if (top) top.key = lastString;
      expectValue = true;
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top) top.key = null;
      expectValue = top?.kind === 'array';
    } else if (ch === '[' || ch === '{') {
      noteValue();
      const parent = stack[stack.length - 1];
      const seg = parent ? (parent.kind === 'array' ? String(parent.index) : (parent.key ?? '')) : '';
      const path = parent ? (parent.path ? `${parent.path}/${seg}` : seg) : '';
      stack.push({ kind: ch === '[' ? 'array' : 'object', index: 0, key: null, path });
      expectValue = ch === '[';
    } else if (ch === ']' || ch === '}') {
      stack.pop();
      expectValue = false;
    } else if (!/\s/.test(ch) && expectValue) {
      noteValue();
      expectValue = false;
    }
  }
  return out;
}

/** Line and column of a character offset. */
function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

const cell = z.union([z.number(), z.string(), z.null()]);
const records = z.array(z.record(z.string(), cell)).min(1);
const columnsShape = z.record(z.string(), z.array(cell));
const tuples = z.array(z.array(cell)).min(1);

function parseJsonTable(text: string): Result<RunTable> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? `line ${lineOfOffset(text, Number(pos[1]))}: ` : '';
    return fail(`${where}not valid JSON (${msg.replace(/^JSON\.parse: /, '')})`);
  }
  const lines = jsonValueLines(text);
  const lineAt = (path: string) => lines.get(path) ?? 1;
  const t = tuples.safeParse(data);
  if (t.success) {
    const width = t.data[0].length;
    const bad = t.data.findIndex((r) => r.length !== width);
    if (bad >= 0)
      return fail(`line ${lineAt(String(bad))}: ${t.data[bad].length} values, the first row has ${width}`);
    const names =
      width === 3
        ? ['Wall time', 'Step', 'Value']
        : Array.from({ length: width }, (_, j) => `column ${j + 1}`);
    return {
      ok: true,
      value: {
        format: width === 3 ? 'tensorboard-json' : 'json-records',
        columns: names.map((name, j) => ({ name, cells: t.data.map((r) => r[j]) })),
        lines: t.data.map((_, i) => lineAt(String(i))),
      },
    };
  }
  const r = records.safeParse(data);
  if (r.success) {
    const names = [...new Set(r.data.flatMap((o) => Object.keys(o)))];
    return {
      ok: true,
      value: {
        format: 'json-records',
        columns: names.map((name) => ({
          name,
          cells: r.data.map((o) => (Object.hasOwn(o, name) ? o[name] : null)),
        })),
        lines: r.data.map((_, i) => lineAt(String(i))),
      },
    };
  }
  const c = columnsShape.safeParse(data);
  if (c.success && !Array.isArray(data)) {
    const names = Object.keys(c.data);
    if (names.length === 0) return fail('line 1: the JSON object has no arrays');
    const n = c.data[names[0]].length;
    const ragged = names.find((k) => c.data[k].length !== n);
    if (ragged !== undefined)
      return fail(
        `line ${lineAt(ragged)}: "${ragged}" has ${c.data[ragged].length} values, "${names[0]}" has ${n}`,
      );
    if (n === 0) return fail(`line ${lineAt(names[0])}: the arrays are empty`);
    return {
      ok: true,
      value: {
        format: 'json-columns',
        columns: names.map((name) => ({ name, cells: c.data[name] })),
        // a row's line: where its value in the first array stands (each array may be on one line)
        lines: Array.from({ length: n }, (_, i) => lineAt(`${names[0]}/${i}`)),
      },
    };
  }
  // Name where the shape breaks: the first issue of the shape the data resembles most.
  const issue = (Array.isArray(data) ? records.safeParse(data) : columnsShape.safeParse(data)).error
    ?.issues[0];
  const path = issue?.path.slice(0, 2).map(String) ?? [];
  const where = path.length ? `line ${lineAt(path.join('/'))}: ` : 'line 1: ';
  const found = path.length ? ` at ${path.join('.')}` : '';
  return fail(
    `${where}expected [{"step": …, "value": …}, …] or {"steps": […], "values": […]} (unexpected value${found})`,
  );
}

/** The file as columns; a message naming the line when it cannot be read as a table of a run. */
export function parseRunTable(
  name: string,
  text: string,
  bytes = new TextEncoder().encode(text).length,
): Result<RunTable> {
  const big = checkImportSize(name, bytes);
  if (big) return fail(big);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail(`${name} is empty`);
  const first = body.trimStart()[0];
  return first === '[' || first === '{' ? parseJsonTable(body) : parseCsvTable(body);
}

const X_NAMES = [
  'step',
  'steps',
  'iteration',
  'iterations',
  'iter',
  'epoch',
  'epochs',
  'round',
  'rounds',
  't',
  'x',
  'n',
];
const Y_NAMES = ['value', 'values', 'loss', 'y', 'metric', 'accuracy', 'acc', 'risk', 'error'];

/** A first guess at the columns for x and y: a step-like name for x, a value-like one for y. */
export function guessColumns(table: RunTable): { x: string; y: string } {
  const names = table.columns.map((c) => c.name);
  const numeric = table.columns.filter((c) => cellNumber(c.cells[0]) !== undefined).map((c) => c.name);
  const pick = (wanted: string[], avoid?: string) =>
    names.find((n) => n !== avoid && wanted.includes(n.toLowerCase())) ??
    names.find((n) => n !== avoid && /_x$/i.test(n) === (wanted === X_NAMES) && numeric.includes(n));
  const x = pick(X_NAMES) ?? numeric.find((n) => !/wall/i.test(n)) ?? names[0];
  const y = pick(Y_NAMES, x) ?? [...numeric].reverse().find((n) => n !== x) ?? names[names.length - 1];
  return { x, y };
}

/** The run on the chosen columns: every cell a number (or empty: that row is skipped), else the line. */
export function extractRun(
  name: string,
  table: RunTable,
  xColumn: string,
  yColumn: string,
): Result<ImportedRun> {
  const xc = table.columns.find((c) => c.name === xColumn);
  const yc = table.columns.find((c) => c.name === yColumn);
  if (!xc || !yc) return fail(`the file has no column '${!xc ? xColumn : yColumn}'`);
  const x: number[] = [];
  const y: number[] = [];
  let skipped = 0;
  for (let i = 0; i < table.lines.length; i++) {
    const xv = cellNumber(xc.cells[i]);
    const yv = cellNumber(yc.cells[i]);
    const bad = xv === undefined ? xc : yv === undefined ? yc : null;
    if (bad)
      return fail(`line ${table.lines[i]}: '${String(bad.cells[i])}' is not a number in column ${bad.name}`);
    if (xv === null || yv === null || xv === undefined || yv === undefined) {
      skipped++;
      continue;
    }
    x.push(xv);
    y.push(yv);
  }
  if (x.length === 0) return fail(`columns ${xColumn} and ${yColumn} have no row with both values`);
  return { ok: true, value: { name, xColumn, yColumn, x, y, skipped } };
}
