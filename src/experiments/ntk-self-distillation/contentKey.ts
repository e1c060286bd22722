/**
 * A cache key for a matrix's exact contents: its shape and two independent 32-bit FNV-1a hashes of
 * every entry's float64 bits (64 bits in all). For caches of what depends on the numbers alone, so a
 * parameter that leaves them unchanged (a label's flip probability, say) still hits.
 */
export function contentKey(rows: readonly (readonly number[])[]): string {
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const row of rows)
    for (const v of row) {
      bits[0] = v;
      for (const w of words) {
        a = Math.imul(a ^ w, 0x01000193) >>> 0;
        b = Math.imul(b ^ (w >>> 16) ^ (w << 7), 0x01000193) >>> 0;
      }
    }
  return `${rows.length}×${rows[0]?.length ?? 0}:${a.toString(16)}${b.toString(16).padStart(8, '0')}`;
}
