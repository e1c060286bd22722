/**
 * The integer PRNG shared by the CPU chain loop and the WGSL chain kernel, so that both backends
 * produce bit-comparable batch indices for the same (seed, chain). xorshift32 is chosen because it is
 * three u32 ops, identical in JS (>>> 0) and WGSL (u32), and needs no 64-bit multiply.
 * Seeding uses murmur3's fmix32 of (seed, chain) so neighbouring chains are decorrelated.
 */
function fmix32(h: number): number {
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h;
}

/** Initial xorshift32 state of chain `chain` for run seed `seed`; never 0 (xorshift's fixed point). */
export function chainSeed(seed: number, chain: number): number {
  const s = fmix32((seed >>> 0) ^ fmix32((Math.imul(chain + 1, 0x9e3779b9) >>> 0) ^ 0x5bd1e995));
  return s === 0 ? 0x6d2b79f5 : s;
}

/**
 * One xorshift32 step on the int32 view of the state (JS bit ops are int32; staying there keeps V8 on
 * small integers instead of doubles — 20× faster in the hot loops). Same bits as the u32 version.
 */
export function xorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x | 0;
}

/**
 * Uniform index in [0, n) from a 32-bit state: floor(s·n / 2³²), computed from 16-bit halves so it is
 * exact in int32 arithmetic and in WGSL u32 alike (no 64-bit multiply, no float modulo). n < 2¹⁶.
 */
export function indexOf(s: number, n: number): number {
  return ((s >>> 16) * n + (((s & 0xffff) * n) >>> 16)) >>> 16;
}
