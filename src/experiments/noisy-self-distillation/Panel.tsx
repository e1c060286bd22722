import { useMemo } from 'react';
import { percent, sci } from '../../ui/format';
import { LineChart, colors, palette, type LineSeries } from '../../charts';
import type { PanelProps } from '../types';
import { Fig2Download } from './Fig2Download';
import { fig } from './figures';
import type { CheckpointFrame } from './job';
import { trainSplitSize, type NoiseKind, type PageParams } from './params';
import type { NoisyResults } from './results';
import { summarise, type RunSummary } from './summary';
import { kindSummary } from './verdict';
import { implicitStrength } from './math/logitNoise';
import { NoisySchematic } from './Schematic';
import { SchematicDisclosure } from '../../ui/FlowDiagram';

const width = 430;
const height = 260;
/** A noise level: 0 written as 0. */
const lv = (v: number) => (v === 0 ? '0' : sci(v));
const symbol: Record<NoiseKind, string> = { gaussian: 'σ²', symmetric: 'p' };

/** Fig. 2's two charts per noise kind, in the definition's order. */
const fig2Ids = {
  gaussian: { gradNorm: fig('fig2-gradient-norm-gaussian'), accuracy: fig('fig2-accuracy-gaussian') },
  symmetric: { gradNorm: fig('fig2-gradient-norm-symmetric'), accuracy: fig('fig2-accuracy-symmetric') },
} satisfies Record<NoiseKind, { gradNorm: string; accuracy: string }>;

const banded = (
  id: string,
  label: string,
  x: number[],
  m: number[],
  sd: number[],
  color: string,
): LineSeries => ({
  id,
  label,
  x,
  y: m,
  color,
  width: 2,
  band: { lo: m.map((v, i) => v - (sd[i] || 0)), hi: m.map((v, i) => v + (sd[i] || 0)) },
});

const hline = (
  id: string,
  label: string,
  x: number[],
  y: number,
  color: string,
  dash: 'dashed' | 'dotted',
): LineSeries => ({
  id,
  label,
  x: [Math.min(...x), Math.max(...x)],
  y: [y, y],
  color,
  dash,
});

/** Mean over seeds of one metric at every checkpoint, per run (diverged seeds left out). */
function overTraining(cs: CheckpointFrame[], pick: (c: CheckpointFrame) => (number | null)[][], run: number) {
  return cs.map((c) => {
    const v = pick(c)[run].filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  });
}

function Fig2({
  kind,
  rs,
  p,
  results,
}: {
  kind: NoiseKind;
  rs: RunSummary[];
  p: PageParams;
  results: NoisyResults;
}) {
  // the same reading as the claim line's verdict (claim.ts)
  const { curve, falls, picked } = kindSummary(rs, kind);
  const x = curve.map(({ r }) => r.level);
  const s = symbol[kind];
  const t = results.teacher;
  const base = rs[0];
  const g: LineSeries[] = [
    {
      ...banded(
        'g',
        p.seeds > 1 ? `student ‖∇θf‖² (mean ± sd, ${p.seeds} seeds)` : 'student ‖∇θf‖² (one seed)',
        x,
        curve.map(({ r }) => r.gradNormSq),
        curve.map(({ r }) => r.gradNormSqSd),
        colors.measured,
      ),
      term: 'gradnorm',
    },
  ];
  const acc: LineSeries[] = [
    banded(
      'val',
      'student validation',
      x,
      curve.map(({ r }) => r.valAcc),
      curve.map(({ r }) => r.valAccSd),
      colors.measured,
    ),
    banded(
      'test',
      'student test',
      x,
      curve.map(({ r }) => r.testAcc),
      curve.map(({ r }) => r.testAccSd),
      colors.student,
    ),
    hline('base', 'noiseless student, test', x, base.testAcc, colors.selfDistillation, 'dashed'),
  ];
  if (t) acc.push(hline('teacher', 'teacher, test', x, t.testAcc, colors.teacher, 'dotted'));
  return (
    <div className="noisy-fig2" data-testid={`noisy-fig2-${kind}`}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <LineChart
          figureId={fig2Ids[kind].gradNorm}
          title={`(a) gradient norm vs ${s}`}
          series={g}
          width={width}
          height={height}
          xLabel={`noise ${s}`}
          yLabel="(1/N) Σᵢ ‖∇θ f(xᵢ, θ)‖²"
          exportName={`xiong-fig2a-${kind}`}
          exportParams={p}
          testId={`noisy-gradnorm-${kind}`}
        />
        <LineChart
          figureId={fig2Ids[kind].accuracy}
          title={`(b) accuracy vs ${s}`}
          series={acc}
          width={width}
          height={height}
          xLabel={`noise ${s}`}
          yLabel="accuracy"
          marker={picked >= 0 ? { x: x[picked], label: 'validation picks' } : undefined}
          exportName={`xiong-fig2b-${kind}`}
          exportParams={p}
          testId={`noisy-acc-${kind}`}
        />
      </div>
      <p data-testid={`noisy-verdict-${kind}`}>
        {falls ? '✔' : '✘'} The mean gradient norm {falls ? 'falls strictly' : 'does not fall strictly'} as{' '}
        {s} grows (
        {curve
          .map(({ r }) =>
            p.seeds > 1 ? `${sci(r.gradNormSq)} ± ${sci(r.gradNormSqSd, 2)}` : sci(r.gradNormSq),
          )
          .join(' → ')}
        ).
        {picked >= 0 &&
          ` Validation picks ${s} = ${lv(x[picked])}: test ${percent(curve[picked].r.testAcc)} (noiseless student ${percent(base.testAcc)}${t ? `, teacher ${percent(t.testAcc)}` : ''}).`}
        {curve.some(({ r }) => r.diverged > 0) &&
          ' Some students diverged at this η (left out of the means).'}
      </p>
    </div>
  );
}

/** Xiong et al. §5: Fig. 2 (gradient norm, accuracy vs noise), Fig. 3 (losses over training), eq. (16) over training. */
export function NoisyPanel({ params: p, results }: PanelProps<PageParams, NoisyResults>) {
  const cs = results.checkpoints;
  const last = cs.length > 1 ? cs[cs.length - 1] : null;
  const start = results.start;
  const runs = useMemo(() => start?.runs ?? [], [start]);
  const rs = useMemo(() => (last ? summarise(runs, last) : []), [last, runs]);
  const kinds: NoiseKind[] = p.noise === 'both' ? ['gaussian', 'symmetric'] : [p.noise];
  const label = (i: number) =>
    runs[i].level === 0 ? 'none' : `${runs[i].noise === 'gaussian' ? 'σ²' : 'p'} = ${lv(runs[i].level)}`;
  const epochs = cs.map((c) => c.epoch);
  const lossSeries = runs.flatMap((_, i): LineSeries[] => [
    {
      id: `tr${i}`,
      label: label(i),
      x: epochs,
      y: overTraining(cs, (c) => c.trainLoss, i),
      color: palette[i % palette.length],
      width: 2,
    },
    {
      id: `te${i}`,
      label: '', // one legend row per run: the y label says dashed is test
      x: epochs,
      y: overTraining(cs, (c) => c.testLoss, i),
      color: palette[i % palette.length],
      dash: 'dashed',
    },
  ]);
  const gSeries = runs.map((_, i): LineSeries => ({
    id: `g${i}`,
    label: label(i),
    x: epochs,
    y: overTraining(cs, (c) => c.gradNormSq, i),
    color: palette[i % palette.length],
    width: 2,
  }));
  const nv = results.teacher?.noiseVariance ?? [];
  const strength = runs
    .map((r, i): LineSeries | null =>
      r.level > 0 && nv[i] > 0
        ? {
            id: `s${i}`,
            label: `${label(i)} (σ²_eff ${sci(nv[i])})`,
            x: epochs,
            y: overTraining(cs, (c) => c.gradNormSq, i).map((gv) =>
              implicitStrength(p.lr, nv[i], p.batchSize, gv),
            ),
            color: palette[i % palette.length],
            width: 2,
          }
        : null,
    )
    .filter((s): s is LineSeries => s !== null);
  const pr = results.progress;
  const t = results.teacher;
  return (
    <div className="noisy-panel" data-testid="noisy-panel">
      <p>
        A teacher MLP (784–{p.hidden}–10, cross-entropy, Adam) is trained on {trainSplitSize(p.trainSize)}{' '}
        Fashion-MNIST images ({p.trainSize - trainSplitSize(p.trainSize)} held out for validation); its logits
        are saved. Students of the same architecture, from a fresh initialisation, learn them by plain SGD on
        ½‖f(x) − ỹ‖² (η = {p.lr}, B = {p.batchSize}) with fresh noise every iteration: ỹ = logits + N(0, σ²I),
        or each logit swapped with probability p for one of the other nine (its mean is eq. (21)). All levels
        × seeds train as one batched program. f is the logit vector; ‖∇θ f‖² = Σₖ ‖∇θ fₖ‖² over all weights,
        averaged over the training split, computed in closed form from one forward pass.
      </p>
      <SchematicDisclosure
        title="teacher → noisy targets → students, with the live σ² / p"
        testId="noisy-schematic-box"
      >
        <NoisySchematic params={p} results={results} />
      </SchematicDisclosure>
      <p className="muted" data-testid="noisy-substitution">
        Substituted: the paper uses ResNet-56 on SVHN, CIFAR-10 and CIFAR-100 with 200 epochs; here a
        one-hidden-layer MLP on a {p.trainSize}-image Fashion-MNIST subset for {p.epochs} epochs. The claim is
        theirs for ResNet-56, not a theorem: this page measures whether it holds at this scale. It does at the
        defaults (η = 0.01); at η = 0.05 the students’ ReLUs die on this teacher’s large logits (‖∇θf‖² → L =
        10, chance accuracy) at every level — the sweep then says nothing.
      </p>
      <p className="muted" data-testid="noisy-progress">
        {t &&
          `Teacher: validation ${percent(t.valAcc)}, test ${percent(t.testAcc)}, ‖∇θf‖² ${sci(t.gradNormSq)}. `}
        {pr
          ? `${pr.phase}: epoch ${pr.epoch.toFixed(1)} / ${pr.epochs}, objective ${sci(pr.loss)}`
          : results.done
            ? `done in ${(results.done.totalMs / 1000).toFixed(1)} s (${results.done.studentsPerSec.toFixed(2)} students/s; first point after ${(results.done.firstPointMs / 1000).toFixed(1)} s)`
            : ''}
        {last && ` · Fig. 2 shows epoch ${last.epoch}.`}
      </p>
      {rs.length > 0 && kinds.map((k) => <Fig2 key={k} kind={k} rs={rs} p={p} results={results} />)}
      <Fig2Download rs={rs} params={p} results={results} />
      {cs.length > 1 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
          <LineChart
            figureId={fig('fig3-loss')}
            title="(Fig. 3) ½‖f − f_teacher‖²"
            series={lossSeries}
            width={width}
            height={height}
            xLabel="epoch"
            yLabel="loss: train ——, test – –"
            yScale="log"
            exportName="xiong-fig3-loss"
            exportParams={p}
            testId="noisy-loss"
          />
          <LineChart
            figureId={fig('gradient-norm-over-training')}
            title="measured ‖∇θf‖² over training"
            series={gSeries}
            width={width}
            height={height}
            xLabel="epoch"
            yLabel="(1/N) Σᵢ ‖∇θ f(xᵢ)‖²"
            exportName="xiong-gradnorm-training"
            exportParams={p}
            testId="noisy-gradnorm-training"
          />
          {strength.length > 0 && (
            <LineChart
              figureId={fig('eq16-strength')}
              title="(d) eq. (16): ησ²/(BN)·Σᵢ‖∇θf‖²"
              series={strength}
              width={width}
              height={height}
              xLabel="epoch"
              yLabel="implicit-regulariser strength"
              yScale="log"
              exportName="xiong-eq16-strength"
              exportParams={p}
              testId="noisy-strength"
            />
          )}
        </div>
      )}
      {results.teacherCurve.epoch.length > 1 && (
        <LineChart
          figureId={fig('teacher-training')}
          title="The teacher’s training"
          series={[
            {
              id: 'teacher',
              label: t ? `teacher (Adam), test ${percent(t.testAcc)}` : 'teacher (Adam), training…',
              x: results.teacherCurve.epoch,
              y: results.teacherCurve.loss,
              color: colors.teacher,
              width: 2,
            },
          ]}
          width={width}
          height={height}
          xLabel="teacher epoch"
          yLabel="training cross-entropy"
          yScale="log"
          exportName="xiong-teacher-training"
          exportParams={p}
          testId="noisy-teacher-training"
        />
      )}
    </div>
  );
}
