import type { RunSummary } from './summary';

/**
 * Fig. 2 as data, to overlay on the paper's figure or another run's. JSON: `Fig2Data` below. CSV: `#`
 * comment lines (the page's params, then the teacher), a header, one row per run in sweep order:
 *
 *   noise,level,gradNormSq,gradNormSqSd,valAcc,valAccSd,testAcc,testAccSd,seeds,diverged,epoch
 *   gaussian,0,1722.1,40.2,0.83,0.004,0.818,0.006,2,0,15
 *
 * noise: 'gaussian' (level = σ²) or 'symmetric' (level = p); level 0 is the noiseless student, the first
 * point of both curves. gradNormSq: (1/N) Σᵢ ‖∇_θ f(xᵢ, θ)‖² over the training split, mean over the seeds
 * that did not diverge (sd beside it; empty when undefined). Accuracies are fractions.
 */

interface Fig2Row {
  noise: 'gaussian' | 'symmetric';
  level: number;
  gradNormSq: number | null;
  gradNormSqSd: number | null;
  valAcc: number | null;
  valAccSd: number | null;
  testAcc: number | null;
  testAccSd: number | null;
  /** seeds that entered the mean (diverged ones left out) */
  seeds: number;
  diverged: number;
}

export interface Fig2Data {
  /** the student epoch the rows are measured at */
  epoch: number;
  teacher: { valAcc: number; testAcc: number; gradNormSq: number } | null;
  params: Record<string, unknown>;
  rows: Fig2Row[];
}

const num = (v: number) => (Number.isFinite(v) ? v : null);
const columns = [
  'noise',
  'level',
  'gradNormSq',
  'gradNormSqSd',
  'valAcc',
  'valAccSd',
  'testAcc',
  'testAccSd',
  'seeds',
  'diverged',
] as const;

export function fig2Data(
  rs: readonly RunSummary[],
  seeds: number,
  epoch: number,
  teacher: Fig2Data['teacher'],
  params: Record<string, unknown>,
): Fig2Data {
  return {
    epoch,
    teacher,
    params,
    rows: rs.map((r) => ({
      noise: r.noise,
      level: r.level,
      gradNormSq: num(r.gradNormSq),
      // an sd over one seed is not a spread
      gradNormSqSd: seeds - r.diverged > 1 ? num(r.gradNormSqSd) : null,
      valAcc: num(r.valAcc),
      valAccSd: seeds - r.diverged > 1 ? num(r.valAccSd) : null,
      testAcc: num(r.testAcc),
      testAccSd: seeds - r.diverged > 1 ? num(r.testAccSd) : null,
      seeds: seeds - r.diverged,
      diverged: r.diverged,
    })),
  };
}

export function fig2Csv(d: Fig2Data): string {
  const lines = Object.entries(d.params).map(([k, v]) => `# ${k}: ${String(v).replace(/[\r\n]+/g, ' ')}`);
  if (d.teacher)
    lines.push(
      `# teacher: valAcc ${d.teacher.valAcc}, testAcc ${d.teacher.testAcc}, gradNormSq ${d.teacher.gradNormSq}`,
    );
  lines.push(`# student epoch ${d.epoch}`);
  lines.push([...columns, 'epoch'].join(','));
  for (const r of d.rows) lines.push([...columns.map((c) => String(r[c] ?? '')), String(d.epoch)].join(','));
  return lines.join('\n') + '\n';
}
