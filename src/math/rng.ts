import seedrandom from 'seedrandom';

/** A seeded uniform generator on [0, 1) (seedrandom's Alea: fast, good statistical quality). */
export function seededUniform(seed: number | string): () => number {
  return seedrandom.alea(String(seed));
}

/**
 * One standard normal draw by Box–Muller from two uniforms (the cosine half only, so each draw uses
 * exactly two uniforms and a stream never depends on how many draws were made before it was split).
 */
export function gaussian(uniform: () => number): number {
  const u = Math.max(uniform(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** A seeded standard-normal sampler. */
export function seededNormal(seed: number | string): () => number {
  const uniform = seededUniform(seed);
  return () => gaussian(uniform);
}
