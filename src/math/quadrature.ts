/**
 * Adaptive Gauss–Kronrod (7/15) quadrature in float64: one-dimensional integrals of smooth integrands
 * with a sharp but finite transition somewhere inside (risk integrals over an angle law).
 */

const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
// Gauss weights for the nodes XGK[1], XGK[3], XGK[5], XGK[7].
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

function kronrod(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const fc = f(c);
  let k = WGK[7] * fc;
  let g = WG[3] * fc;
  for (let j = 0; j < 7; j++) {
    const dx = h * XGK[j];
    const s = f(c - dx) + f(c + dx);
    k += WGK[j] * s;
    if (j % 2 === 1) g += WG[(j - 1) / 2] * s;
  }
  return { value: k * h, error: Math.abs((k - g) * h) };
}

export interface QuadratureOptions {
  /** stop when the error estimate is below max(absTol, relTol·|integral|) */
  absTol?: number;
  relTol?: number;
  /** most subintervals (each 15 evaluations) */
  maxIntervals?: number;
}

/** ∫_a^b f(x) dx by globally adaptive bisection of the interval with the largest error estimate. */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  opts: QuadratureOptions = {},
): number {
  if (a === b) return 0;
  const { absTol = 1e-15, relTol = 1e-10, maxIntervals = 400 } = opts;
  const parts = [{ a, b, ...kronrod(f, a, b) }];
  for (;;) {
    let value = 0;
    let error = 0;
    let worst = 0;
    for (let i = 0; i < parts.length; i++) {
      value += parts[i].value;
      error += parts[i].error;
      if (parts[i].error > parts[worst].error) worst = i;
    }
    if (error <= Math.max(absTol, relTol * Math.abs(value)) || parts.length >= maxIntervals) return value;
    const p = parts[worst];
    const m = (p.a + p.b) / 2;
    parts.splice(worst, 1, { a: p.a, b: m, ...kronrod(f, p.a, m) }, { a: m, b: p.b, ...kronrod(f, m, p.b) });
  }
}
