import { z } from 'zod';
import { finite, int } from '../../schema/numbers';

/** Σ of the input distribution; 'custom' uses sxx, syy, sxy. */
const covPresets = {
  '10I': [10, 10, 0],
  '20I': [20, 20, 0],
  '100I': [100, 100, 0],
  'diag(10,100)': [10, 100, 0],
  'diag(100,10)': [100, 10, 0],
} as const;
export type CovPreset = keyof typeof covPresets;
export const covChoices = [...(Object.keys(covPresets) as CovPreset[]), 'custom'] as const;

export const gridChoices = ['single', 'fig1a-d', 'fig1e-h'] as const;
const sweepChoices = ['sigma2', 'eta', 'batch'] as const;

export const olsParamsSchema = z
  .object({
    sigma2: finite(0.01, 10),
    cov: z.enum(covChoices),
    sxx: finite(0.01, 1000),
    syy: finite(0.01, 1000),
    sxy: finite(-1000, 1000),
    eta: finite(1e-4, 1),
    batch: int(1, 100),
    n: int(2, 1000),
    iterations: int(100, 1_000_000),
    speed: int(1, 1_000_000),
    chains: int(1, 1_048_576),
    chainSteps: int(10, 100_000),
    seed: int(0, 2_147_483_647),
    grid: z.enum(gridChoices),
    view: z.enum(['zoom', 'full']),
    /** the axis eq. (16) is drawn against (view only) */
    sweep: z.enum(sweepChoices, { error: "must be 'sigma2', 'eta' or 'batch'" }),
  })
  .superRefine((p, ctx) => {
    if (p.batch > p.n)
      ctx.addIssue({ code: 'custom', path: ['batch'], message: `batch B = ${p.batch} exceeds N = ${p.n}` });
    if (p.cov === 'custom' && p.sxx * p.syy - p.sxy * p.sxy <= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['sxy'],
        message: 'Σ must be positive definite: need sxx·syy > sxy²',
      });
  });

export type OlsParams = z.infer<typeof olsParamsSchema>;

export const defaultParams: OlsParams = {
  sigma2: 0.25,
  cov: '20I',
  sxx: 20,
  syy: 20,
  sxy: 0,
  eta: 0.01,
  batch: 5,
  n: 100,
  iterations: 1_000_000,
  speed: 5000,
  chains: 10000,
  chainSteps: 2000,
  seed: 1,
  grid: 'fig1a-d',
  view: 'zoom',
  sweep: 'sigma2',
};

export interface Preset {
  id: string;
  label: string;
  params: Partial<OlsParams>;
}

export const presets: Preset[] = [
  {
    id: 'fig1a-d',
    label: 'Figure 1a–d (σ² = 0.25…2, Σ = 20·I)',
    params: { grid: 'fig1a-d', sigma2: 0.25, cov: '20I', eta: 0.01, batch: 5, n: 100, iterations: 1_000_000 },
  },
  {
    id: 'fig1e-h',
    label: 'Figure 1e–h (four Σ, σ² = 0.5)',
    params: { grid: 'fig1e-h', sigma2: 0.5, eta: 0.01, batch: 5, n: 100, iterations: 1_000_000 },
  },
  { id: 'single', label: 'Single panel', params: { grid: 'single' } },
  {
    id: 'diverge',
    label: 'Too large η (diverges)',
    params: { grid: 'single', eta: 0.12, cov: '20I', sigma2: 0.5 },
  },
];

/** One panel of the figure: the params of one SGD problem. */
export interface PanelSpec {
  title: string;
  sigma2: number;
  cov: [number, number, number];
}

function covOf(p: OlsParams): [number, number, number] {
  return p.cov === 'custom' ? [p.sxx, p.syy, p.sxy] : [...covPresets[p.cov]];
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(+v.toPrecision(3)));
const covLabel = (c: readonly number[]) =>
  c[2] === 0 && c[0] === c[1]
    ? `${fmt(c[0])}·I`
    : c[2] === 0
      ? `diag(${fmt(c[0])}, ${fmt(c[1])})`
      : `[[${fmt(c[0])}, ${fmt(c[2])}], [${fmt(c[2])}, ${fmt(c[1])}]]`;

/**
 * The panels a param set stands for. In 'fig1a-d' the σ² slider sets the first panel and the others
 * are 2×, 4×, 8× it, so the paper's 0.25/0.5/1/2 is the default and the slider still moves all four.
 */
export function panelsOf(p: OlsParams): PanelSpec[] {
  if (p.grid === 'fig1a-d')
    return [1, 2, 4, 8].map((m, i) => ({
      title: `(${'abcd'[i]}) σ² = ${fmt(p.sigma2 * m)}, Σ = ${covLabel(covOf(p))}`,
      sigma2: p.sigma2 * m,
      cov: covOf(p),
    }));
  if (p.grid === 'fig1e-h')
    return (['10I', '100I', 'diag(10,100)', 'diag(100,10)'] as const).map((c, i) => ({
      title: `(${'efgh'[i]}) Σ = ${covLabel(covPresets[c])}, σ² = ${fmt(p.sigma2)}`,
      sigma2: p.sigma2,
      cov: [...covPresets[c]],
    }));
  return [{ title: `σ² = ${fmt(p.sigma2)}, Σ = ${covLabel(covOf(p))}`, sigma2: p.sigma2, cov: covOf(p) }];
}
