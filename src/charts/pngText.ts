/** Minimal PNG chunk writer: enough to embed the figure parameters as a tEXt chunk. */

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Uint32Array | null = null;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (ISO-HDLC, as used by PNG and zlib), unsigned. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = table();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** tEXt is Latin-1 only; other code units become \uXXXX escapes, which keeps JSON text lossless. */
function latin1Bytes(text: string): Uint8Array {
  let escaped = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // NUL is the keyword/text separator, so it is escaped too.
    escaped += c >= 1 && c <= 0xff ? text[i] : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  const out = new Uint8Array(escaped.length);
  for (let i = 0; i < escaped.length; i++) out[i] = escaped.charCodeAt(i);
  return out;
}

function readU32(b: Uint8Array, i: number): number {
  return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
}

function writeU32(b: Uint8Array, i: number, v: number): void {
  b[i] = (v >>> 24) & 0xff;
  b[i + 1] = (v >>> 16) & 0xff;
  b[i + 2] = (v >>> 8) & 0xff;
  b[i + 3] = v & 0xff;
}

/**
 * Returns a copy of `png` with a `tEXt` chunk (`key` NUL `text`) inserted immediately before IEND.
 * Walks the chunk list rather than searching for the bytes "IEND", which could occur inside image data.
 */
export function addPngTextChunk(png: Uint8Array, key: string, text: string): Uint8Array {
  if (png.length < 8 || PNG_SIGNATURE.some((v, i) => png[i] !== v)) throw new Error('not a PNG file');
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(key) || /^ | $| {2}/.test(key)) {
    throw new Error(`invalid PNG text keyword: ${JSON.stringify(key)}`);
  }
  let iend = -1;
  for (let pos = 8; pos + 12 <= png.length;) {
    const len = readU32(png, pos);
    const type = String.fromCharCode(png[pos + 4], png[pos + 5], png[pos + 6], png[pos + 7]);
    if (type === 'IEND') {
      iend = pos;
      break;
    }
    pos += 12 + len;
  }
  if (iend < 0) throw new Error('PNG has no IEND chunk');

  const keyBytes = latin1Bytes(key);
  const textBytes = latin1Bytes(text);
  const dataLen = keyBytes.length + 1 + textBytes.length;
  const chunk = new Uint8Array(12 + dataLen);
  writeU32(chunk, 0, dataLen);
  chunk.set([0x74, 0x45, 0x58, 0x74], 4); // "tEXt"
  chunk.set(keyBytes, 8);
  chunk[8 + keyBytes.length] = 0;
  chunk.set(textBytes, 9 + keyBytes.length);
  writeU32(chunk, 8 + dataLen, crc32(chunk, 4, 8 + dataLen)); // CRC covers type + data

  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend), 0);
  out.set(chunk, iend);
  out.set(png.subarray(iend), iend + chunk.length);
  return out;
}

/** Reads back all tEXt chunks (useful for tests and for re-loading a figure's parameters). */
export function readPngTextChunks(png: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (let pos = 8; pos + 12 <= png.length;) {
    const len = readU32(png, pos);
    const type = String.fromCharCode(png[pos + 4], png[pos + 5], png[pos + 6], png[pos + 7]);
    if (type === 'tEXt') {
      const data = png.subarray(pos + 8, pos + 8 + len);
      const nul = data.indexOf(0);
      const decode = (b: Uint8Array) => {
        let str = '';
        for (let i = 0; i < b.length; i++) str += String.fromCharCode(b[i]);
        return str;
      };
      if (nul > 0) out[decode(data.subarray(0, nul))] = decode(data.subarray(nul + 1));
    }
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  return out;
}
