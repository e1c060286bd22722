import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkImportSize, extractRun, guessColumns, IMPORT_LIMIT_BYTES, parseRunTable } from './importRun';

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`, 'utf8');

/** The run a file gives on the guessed columns, or the message. */
function read(name: string, text: string) {
  const t = parseRunTable(name, text);
  if (!t.ok) return { error: t.error };
  const { x, y } = guessColumns(t.value);
  const r = extractRun(name, t.value, x, y);
  return r.ok ? { run: r.value, format: t.value.format } : { error: r.error };
}

describe('importRun: the accepted formats', () => {
  it("TensorBoard's scalar CSV: Step against Value, the float wall times left out", () => {
    const r = read('tb.csv', fixture('tensorboard-scalars.csv'));
    expect(r.format).toBe('tensorboard-csv');
    expect(r.run?.xColumn).toBe('Step');
    expect(r.run?.yColumn).toBe('Value');
    expect(r.run?.x.length).toBe(56);
    expect(r.run?.x.slice(0, 3)).toEqual([1, 2, 3]);
    expect(r.run?.y[0]).toBeCloseTo(0.048058039, 12);
    expect(r.run?.x.at(-1)).toBe(2000);
  });

  it('JSON records [{step, value}]', () => {
    const r = read('records.json', fixture('records.json'));
    expect(r.format).toBe('json-records');
    expect([r.run?.xColumn, r.run?.yColumn]).toEqual(['step', 'value']);
    expect(r.run?.x.length).toBe(56);
    expect(r.run?.y[0]).toBe(0.0450706);
  });

  it('JSON columns {"steps": […], "values": […]}', () => {
    const r = read('columns.json', fixture('columns.json'));
    expect(r.format).toBe('json-columns');
    expect([r.run?.xColumn, r.run?.yColumn]).toEqual(['steps', 'values']);
    expect(r.run?.x.length).toBe(56);
  });

  it("TensorBoard's JSON [[wall time, step, value], …]", () => {
    const r = read('tb.json', fixture('tensorboard.json'));
    expect(r.format).toBe('tensorboard-json');
    expect([r.run?.xColumn, r.run?.yColumn]).toEqual(['Step', 'Value']);
    expect(r.run?.y[0]).toBe(0.0503519);
  });

  it("the lab's own CSV export: '#' lines skipped, padded empty cells left out, CRLF and BOM read", () => {
    const text =
      '\uFEFF# sigma2: 0.25\r\n# series emp: chains\r\nemp_x,emp_y,ct_x,ct_y\r\n1,0.5,1,0.1\r\n2,0.4,,\r\n3,inf,,\r\n';
    const t = parseRunTable('lab.csv', text);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(guessColumns(t.value)).toEqual({ x: 'emp_x', y: 'emp_y' });
    const r = extractRun('lab.csv', t.value, 'ct_x', 'ct_y');
    expect(r.ok && { x: r.value.x, skipped: r.value.skipped }).toEqual({ x: [1], skipped: 2 });
    const e = extractRun('lab.csv', t.value, 'emp_x', 'emp_y');
    expect(e.ok && e.value.y).toEqual([0.5, 0.4, Infinity]);
  });

  it('a quoted header cell and semicolon or tab separators', () => {
    const t = parseRunTable('q.csv', '"epoch";"val loss"\n1;2.5\n2;1.5\n');
    expect(t.ok && t.value.columns.map((c) => c.name)).toEqual(['epoch', 'val loss']);
    const tab = read('t.tsv', 'step\tvalue\n1\t2\n');
    expect(tab.run?.y).toEqual([2]);
  });
});

describe('importRun: each malformed file names the line and what is wrong', () => {
  it('a text cell in the value column (the malformed fixture)', () => {
    expect(read('malformed.csv', fixture('malformed.csv')).error).toBe(
      "line 7: 'abc' is not a number in column Value",
    );
  });

  it('a row with the wrong number of cells', () => {
    expect(read('a.csv', 'step,value\n1,2\n\n2,3,4\n').error).toBe(
      'line 4: 3 cells, but the header has 2 columns',
    );
  });

  it('no header, a header with a blank or repeated name, a header without data', () => {
    expect(read('a.csv', '1,2\n3,4\n').error).toBe(
      'line 1: the first line is data, not a header (name the columns, e.g. step,value)',
    );
    expect(read('a.csv', '# c\nstep,,value\n1,2,3\n').error).toBe(
      'line 2: column 2 of the header has no name',
    );
    expect(read('a.csv', 'step,step\n1,2\n').error).toBe("line 1: the header names column 'step' twice");
    expect(read('a.csv', 'step,value\n').error).toBe('the file has a header (line 1) but no data rows');
    expect(read('empty.csv', ' \n').error).toBe('empty.csv is empty');
  });

  it('hex and other non-decimal spellings are not numbers', () => {
    expect(read('a.csv', 'step,value\n1,2\n0x10,3\n').error).toBe(
      "line 3: '0x10' is not a number in column step",
    );
  });

  it('JSON: a syntax error, a text value in a record, ragged arrays, a wrong shape — with their lines', () => {
    expect(read('a.json', '[\n  {"step": 1, "value": 2},\n  {"step": 2 "value": 3}\n]').error).toMatch(
      /^line 3: not valid JSON/,
    );
    expect(read('a.json', '[\n  {"step": 1, "value": 2},\n  {"step": 2, "value": "abc"}\n]').error).toBe(
      "line 3: 'abc' is not a number in column value",
    );
    expect(read('a.json', '{\n  "steps": [1, 2, 3],\n  "values": [1, 2]\n}').error).toBe(
      'line 3: "values" has 2 values, "steps" has 3',
    );
    expect(read('a.json', '{\n  "steps": [1, 2],\n  "values": {"a": 1}\n}').error).toMatch(
      /^line 3: expected \[\{"step"/,
    );
    expect(read('a.json', '{"steps": [1, "x"], "values": [1, 2]}').error).toBe(
      "line 1: 'x' is not a number in column steps",
    );
  });

  it('a file over the limit is refused with the limit, whatever its content', () => {
    // generated here rather than committed: 5 MB of a valid TensorBoard export
    const row = '1701234567.123,100000,0.012345678\n';
    const big = 'Wall time,Step,Value\n' + row.repeat(Math.ceil(IMPORT_LIMIT_BYTES / row.length) + 10);
    expect(big.length).toBeGreaterThan(IMPORT_LIMIT_BYTES);
    expect(read('big.csv', big).error).toBe(
      'big.csv is 5.0 MB; the limit is 5 MB (thin the run out, e.g. every 10th step)',
    );
    expect(checkImportSize('ok.csv', IMPORT_LIMIT_BYTES)).toBeNull();
    expect(checkImportSize('big.csv', 7.5 * 1024 * 1024)).toMatch(/^big\.csv is 7\.5 MB; the limit is 5 MB/);
  });
});
