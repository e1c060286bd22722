import { useMemo } from 'react';
import {
  BarChart,
  LineChart,
  colors,
  palette,
  type BarGroup,
  type BarOverlay,
  type LineSeries,
} from '../../charts';
import { sci } from '../../ui/format';
import { fig } from './figures';
import { OverlapPair, compareMeans } from './OverlapFigure';
import type { Curves, KdResults } from './results';

/** Section 4.3: the weight μ* of each Gaussian kernel (bars) and its own alignment with the labels (dots). */
function AlignmentBars({ results, width }: { results: KdResults; width: number }) {
  const al = results.alignment;
  const bars = useMemo(() => {
    if (!al) return null;
    const groups: BarGroup[] = al.bandwidths.map((s, k) => ({
      id: `s${k}`,
      label: `s = ${sci(s)}`,
      values: [al.mu[k]],
      color: colors.teacher,
    }));
    const overlays: BarOverlay[] = al.bandwidths.map((_, k) => ({
      id: `a${k}`,
      label: 'centred alignment of the kernel alone',
      group: k,
      values: [al.alignments[k]],
      color: colors.theory,
      shape: 'dot',
    }));
    return { groups, overlays };
  }, [al]);
  if (!al || !bars) return null;
  return (
    <BarChart
      figureId={fig('kernel-weights')}
      title={`Kernel weights μ* of eq. (18); learned kernel’s alignment ${sci(al.combined)}`}
      groups={bars.groups}
      overlays={bars.overlays}
      legend={[{ label: 'weight μ*_k', color: colors.teacher }]}
      width={width}
      height={260}
      // room above the bars for the legend (weights and alignments reach 1)
      yDomain={[0, 1.6]}
      xLabel="Gaussian kernel exp(−‖x − x′‖²/(2s²))"
      yLabel="weight / alignment"
      barLabel={(g) => `s = ${sci(al.bandwidths[g])}`}
      testId="kd-alignment"
    />
  );
}

const line = (id: string, label: string, c: Curves, key: 'train' | 'test', color: string, raw: boolean) => ({
  id,
  label,
  x: c.iter.map((t) => t + 1),
  y: c[key],
  color,
  dash: raw ? ('dashed' as const) : undefined,
  width: raw ? 1.5 : 2,
});

const fig4Ids = { train: fig('fig4-train-loss'), test: fig('fig4-test-loss') };

/** Fig. 4: teacher and student (λ = 0.01) on the raw inputs (dashed) and on the embedding (solid). */
function EmbeddingLosses({ results, width }: { results: KdResults; width: number }) {
  const w = width > 760 ? Math.floor((width - 16) / 2) : width;
  const make = (key: 'train' | 'test') => {
    const s: LineSeries[] = [];
    const add = (id: string, label: string, c: Curves | undefined, color: string, raw: boolean) => {
      if (c?.iter.length) s.push(line(id, label, c, key, color, raw));
    };
    add('teacherRaw', 'teacher, raw inputs', results.teacher, colors.teacher, true);
    add('studentRaw', 'student, raw inputs', results.students[1], colors.student, true);
    add('teacherEmb', 'teacher, kernel embedding', results.embTeacher, colors.teacher, false);
    add('studentEmb', 'student, kernel embedding', results.embStudents[1], colors.student, false);
    return s;
  };
  return (
    <div className="figure-row" data-testid="kd-fig4" style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      {(['train', 'test'] as const).map((key) => {
        const series = make(key);
        const ys = series.flatMap((x) => Array.from(x.y)).filter((v) => v > 0 && Number.isFinite(v));
        // a decade and a half of headroom on the log axis: the four-row legend sits above the curves
        const yDomain: [number, number] | undefined = ys.length
          ? [Math.min(...ys) / 1.5, Math.max(...ys) * 30]
          : undefined;
        return (
          <LineChart
            key={key}
            figureId={fig4Ids[key]}
            title={`Fig. 4(${key === 'train' ? 'a' : 'b'}): ${key === 'train' ? 'training' : 'test'} loss`}
            series={series}
            yDomain={yDomain}
            width={w}
            height={260}
            xLabel="iteration + 1"
            yLabel="mean squared error"
            xScale="log"
            yScale="log"
            testId={`kd-fig4-${key}`}
          />
        );
      })}
    </div>
  );
}

/** Sections 4.3 and 4.5: the learned kernel, Fig. 4 and Fig. 6. */
export function KernelSection({
  results,
  width,
  embed,
  overlapTop,
}: {
  results: KdResults;
  width: number;
  embed: 'on' | 'off';
  overlapTop: number;
}) {
  if (embed === 'off')
    return <p className="muted">Kernel embedding is off (control “Fig. 4/6: kernel embedding”).</p>;
  const al = results.alignment;
  if (!al) return <p className="muted">The kernel is learned after the students finish.</p>;
  const raw = (results.overlap.raw?.sets ?? []).map((x) => ({ ...x, label: 'raw inputs' }));
  const emb = results.overlap.embedded?.sets ?? [];
  const end = (c: Curves | undefined) => c?.test.at(-1);
  return (
    <>
      <AlignmentBars results={results} width={Math.min(width, 760)} />
      {al.kept === 0 ? (
        <p className="warning">
          No Gaussian kernel aligns positively with these labels (μ* = 0): there is no kernel to embed.
        </p>
      ) : (
        <>
          <p className="muted">
            Nyström embedding of the learned kernel from {al.rank} training points as landmarks ({al.kept}{' '}
            directions kept), each embedding scaled to unit norm: the networks’ inputs are now {al.kept}
            -dimensional. End-of-training test MSE: teacher {sci(end(results.teacher))} raw,{' '}
            {sci(end(results.embTeacher))} embedded; student (λ = 0.01) {sci(end(results.students[1]))} raw,{' '}
            {sci(end(results.embStudents[1]))} embedded; no teacher {sci(end(results.students[0]))} raw,{' '}
            {sci(end(results.embStudents[0]))} embedded.
          </p>
          <EmbeddingLosses results={results} width={width} />
          <h3>Figure 6 — overlap with the top {overlapTop} eigenvectors of H∞, raw inputs vs embedding</h3>
          <OverlapPair
            sets={emb.length ? [...raw, ...emb] : undefined}
            teachers={['teacher', 'teacherEmb']}
            students={['student', 'studentEmb']}
            colors={[palette[0], colors.teacher]}
            title="Fig. 6"
            figureIds={{ teachers: fig('fig6-teacher-overlap'), students: fig('fig6-student-overlap') }}
            width={width}
            testId="kd-fig6"
          />
          <p className="muted">
            Each network against the H∞ of its own inputs (raw rows, or the embeddings). The paper finds the
            overlap larger with the embedding; here the mean goes raw → embedded{' '}
            {compareMeans([...raw, ...emb], 'teacher', 'teacherEmb')} for the teacher and{' '}
            {compareMeans([...raw, ...emb], 'student', 'studentEmb')} for the student.
          </p>
        </>
      )}
    </>
  );
}
