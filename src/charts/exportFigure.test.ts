import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { addPngTextChunk, crc32, readPngTextChunks, toCsv, wrapText } from './exportFigure';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  new DataView(out.buffer).setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  new DataView(out.buffer).setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** A valid 1×1 white RGB PNG built from scratch. */
function tinyPng(): Uint8Array {
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, 1);
  dv.setUint32(4, 1);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = new Uint8Array(deflateSync(Uint8Array.from([0, 255, 255, 255])));
  const parts = [
    Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('crc32', () => {
  it('matches known values', () => {
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('addPngTextChunk', () => {
  it('inserts a tEXt chunk right before IEND with a correct CRC', () => {
    const png = tinyPng();
    const text = JSON.stringify({ lr: 0.1, name: 'noisy' });
    const out = addPngTextChunk(png, 'parameters', text);
    const added = 12 + 'parameters'.length + 1 + text.length;
    expect(out.length).toBe(png.length + added);
    // Everything before IEND is unchanged; IEND (12 bytes, fixed CRC) is last.
    expect(Array.from(out.subarray(0, png.length - 12))).toEqual(
      Array.from(png.subarray(0, png.length - 12)),
    );
    expect(Array.from(out.subarray(out.length - 12))).toEqual([
      0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ]);
    const start = png.length - 12;
    const dv = new DataView(out.buffer, out.byteOffset);
    const len = dv.getUint32(start);
    expect(len).toBe(added - 12);
    expect(String.fromCharCode(...out.subarray(start + 4, start + 8))).toBe('tEXt');
    const data = out.subarray(start + 8, start + 8 + len);
    expect(String.fromCharCode(...data)).toBe(`parameters\0${text}`);
    expect(dv.getUint32(start + 8 + len)).toBe(crc32(out, start + 4, start + 8 + len));
    expect(readPngTextChunks(out)).toEqual({ parameters: text });
  });

  it('writes the CRC zlib computes for the same chunk bytes', () => {
    const out = addPngTextChunk(tinyPng(), 'k', 'v');
    const start = out.length - 12 - 15; // 15 = length + type + "k\0v" + CRC
    expect(String.fromCharCode(...out.subarray(start + 4, start + 11))).toBe('tEXtk\0v');
    // Reference from Python: zlib.crc32(b'tEXtk\x00v')
    expect(new DataView(out.buffer).getUint32(start + 11)).toBe(0xcb04f390);
  });

  it('escapes non-Latin-1 text losslessly for JSON', () => {
    const text = JSON.stringify({ label: 'σ²→∞' });
    const out = addPngTextChunk(tinyPng(), 'parameters', text);
    expect(JSON.parse(readPngTextChunks(out).parameters)).toEqual({ label: 'σ²→∞' });
  });

  it('rejects non-PNG input and bad keywords', () => {
    expect(() => addPngTextChunk(ascii('hello world!'), 'parameters', 'x')).toThrow();
    expect(() => addPngTextChunk(tinyPng(), '', 'x')).toThrow();
    expect(() => addPngTextChunk(tinyPng(), 'x'.repeat(80), 'x')).toThrow();
  });
});

describe('toCsv', () => {
  it('writes params as comments, a header and ragged rows', () => {
    const csv = toCsv(
      { 'a x': [1, 2, 3], b: Float64Array.from([0.5, NaN]), 'c,d': [Infinity] },
      { lr: 0.1, model: 'kd "tanh"', dims: [2, 3] },
      ['ellipse e1: k=1'],
    );
    expect(csv).toBe(
      [
        '# lr: 0.1',
        '# model: kd "tanh"',
        '# dims: [2,3]',
        '# ellipse e1: k=1',
        'a x,b,"c,d"',
        '1,0.5,inf',
        '2,NaN,',
        '3,,',
        '',
      ].join('\n'),
    );
  });

  it('keeps full precision and flattens newlines in params', () => {
    const csv = toCsv({ y: [0.1 + 0.2, -1e-300] }, { note: 'two\nlines' });
    expect(csv.split('\n')).toEqual(['# note: two lines', 'y', '0.30000000000000004', '-1e-300', '']);
  });

  it('handles no columns', () => {
    expect(toCsv({}, { a: 1 })).toBe('# a: 1\n');
  });
});

describe('wrapText', () => {
  it('wraps on comma boundaries within the limit', () => {
    const lines = wrapText('alpha=1, beta=2, gamma=3, delta=4', 18);
    expect(lines).toEqual(['alpha=1, beta=2,', 'gamma=3, delta=4']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(18);
  });
});
