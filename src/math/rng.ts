import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1) (seedrandom's Alea: fast, good statistical quality). */
export function seededUniform(seed: number | string): () => number {
  return seedrandom.alea(String(seed));
}

// u = 0 (alea returns multiples of 2⁻³², so 0 once in 2³² draws) is taken as 1e-300 so the draw stays
// finite; every seeded data set of the lab was generated with this guard, so keep it.
const radius = (u: number) => Math.sqrt(-2 * Math.log(Math.max(u, 1e-300)));

/**
 * One normal draw N(0, sd²) by Box–Muller from two uniforms (the cosine half only, so each draw uses
 * exactly two uniforms and a stream never depends on how many draws were made before it was split).
 * Evaluated as sd·r·cos(2πv), left to right, so a scaled draw has the bits of the written-out formula.
 */
export function gaussian(uniform: () => number, sd = 1): number {
  return sd * radius(uniform()) * Math.cos(2 * Math.PI * uniform());
}

/** Both halves of one Box–Muller transform: two independent N(0, 1) draws from two uniforms. */
export function gaussianPair(uniform: () => number): [number, number] {
  const r = radius(uniform());
  const a = 2 * Math.PI * uniform();
  return [r * Math.cos(a), r * Math.sin(a)];
}

/** A seeded standard-normal sampler. */
export function seededNormal(seed: number | string): () => number {
  const uniform = seededUniform(seed);
  return () => gaussian(uniform);
}
