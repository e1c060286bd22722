/**
 * The distinct ArrayBuffers behind the typed arrays of a frame (searched a few levels deep), so a
 * frame of large arrays moves to the UI thread instead of being copied by structured clone.
 */
export function transferablesOf(value: unknown, depth = 4): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, d: number) => {
    if (v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    if (d === 0) return;
    if (Array.isArray(v)) for (const x of v) visit(x, d - 1);
    else for (const x of Object.values(v)) visit(x, d - 1);
  };
  visit(value, depth);
  return [...found];
}
