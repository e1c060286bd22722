import { useMemo } from 'react';
import {
  HistogramMark,
  LineMark,
  Plot,
  binHeight,
  binValues,
  histogramCsv,
  layoutPlot,
  useStageHeight,
  type LegendEntry,
} from '../../charts';
import { sci } from '../../ui/format';
import type { OverlapSet } from './frames';

const mean = (v: number[]) => {
  const f = v.filter(Number.isFinite);
  return f.length ? f.reduce((s, x) => s + x, 0) / f.length : NaN;
};

/** The mean overlap of the set `id` (NaN if absent): the number the paper's claims compare. */
const meanOverlap = (sets: OverlapSet[] | undefined, id: string) =>
  mean(sets?.find((s) => s.id === id)?.values ?? []);

/** "0.159 → 0.177 (larger)": how the mean moves from set `a` to set `b`. */
export function compareMeans(sets: OverlapSet[] | undefined, a: string, b: string): string {
  const [x, y] = [meanOverlap(sets, a), meanOverlap(sets, b)];
  if (!Number.isFinite(x) || !Number.isFinite(y)) return '—';
  return `${sci(x, 4)} → ${sci(y, 4)} (${y > x ? 'larger' : 'not larger'})`;
}

/**
 * Section 4.4's overlap histogram: one bar set per network on shared bins, as fractions of its units
 * (teacher and student differ in width), with each network's mean as a vertical line.
 */
function OverlapHistogram({
  sets,
  colors,
  title,
  width,
  testId,
  figureId,
}: {
  sets: OverlapSet[];
  colors: string[];
  title: string;
  width: number;
  testId: string;
  figureId: string;
}) {
  const height = useStageHeight(figureId, width, 250);
  const hist = useMemo(() => {
    const all = sets.flatMap((s) => s.values).filter(Number.isFinite);
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    const pad = 0.05 * (hi - lo || Math.max(hi, 1e-3));
    const domain: [number, number] = [Math.max(0, lo - pad), hi + pad];
    const bins = Math.max(8, Math.min(24, Math.ceil(Math.sqrt(all.length / Math.max(1, sets.length)) * 2)));
    const hists = sets.map((s) => binValues(s.values, { bins, domain }));
    const top = Math.max(0.05, ...hists.flatMap((h) => h.bins.map((b) => binHeight(b, h.total, 'fraction'))));
    // headroom: the legend (one row per set) sits above the tallest bar
    const head = 1.3 + 0.2 * sets.length;
    const layout = layoutPlot({
      width,
      height,
      x: { label: 'overlap α of a hidden unit with the top eigenvectors of H∞', domain },
      y: { label: 'fraction of units', domain: [0, top * head] },
    });
    return { hists, layout, means: sets.map((s) => mean(s.values)), top: top * head };
  }, [sets, width, height]);
  const { hists, layout, means, top } = hist;
  const legend: LegendEntry[] = sets.map((s, i) => ({
    id: s.id,
    label: `${s.label} (mean ${sci(means[i])})`,
    color: colors[i],
    kind: 'bar',
  }));
  const dead = sets.map((s) => s.values.filter((v) => !Number.isFinite(v)).length);
  return (
    <div>
      <Plot
        layout={layout}
        title={title}
        testId={testId}
        figureId={figureId}
        legend={legend}
        csv={(params) => sets.map((s, i) => `# ${s.label}\n${histogramCsv(hists[i], params)}`).join('\n')}
      >
        {hists.map((h, i) => (
          <HistogramMark key={sets[i].id} histogram={h} color={colors[i]} scale="fraction" opacity={0.5} />
        ))}
        {means.map((m, i) =>
          Number.isFinite(m) ? (
            <LineMark
              key={sets[i].id}
              id={`${sets[i].id}-mean`}
              x={[m, m]}
              y={[0, top]}
              color={colors[i]}
              width={2}
              dash="dashed"
            />
          ) : null,
        )}
      </Plot>
      {dead.some((k) => k > 0) && (
        <p className="muted">
          Units with no output on any training point (dead ReLU units, no direction) are left out:{' '}
          {sets.map((s, i) => `${s.label}: ${dead[i]}`).join('; ')}.
        </p>
      )}
    </div>
  );
}

/** Fig. 5 / Fig. 6: teachers (a) and students (b) side by side, sets picked by id. */
export function OverlapPair({
  sets,
  teachers,
  students,
  colors,
  title,
  figureIds,
  width,
  testId,
}: {
  sets: OverlapSet[] | undefined;
  teachers: string[];
  students: string[];
  colors: string[];
  title: string;
  /** the figure ids of the teachers' (a) and the students' (b) histogram */
  figureIds: { teachers: string; students: string };
  width: number;
  testId: string;
}) {
  if (!sets) return <p className="muted">The overlaps appear once the teacher is trained.</p>;
  const w = width > 760 ? Math.floor((width - 16) / 2) : width;
  const pick = (ids: string[]) => ids.map((id) => sets.find((s) => s.id === id)).filter((s) => !!s);
  const st = pick(students);
  return (
    <div className="figure-row" data-testid={testId} style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      <OverlapHistogram
        sets={pick(teachers)}
        colors={colors}
        title={`${title}(a): teachers`}
        figureId={figureIds.teachers}
        width={w}
        testId={`${testId}-teachers`}
      />
      {st.length ? (
        <OverlapHistogram
          sets={st}
          colors={colors}
          title={`${title}(b): students`}
          figureId={figureIds.students}
          width={w}
          testId={`${testId}-students`}
        />
      ) : (
        <p className="muted">The students’ overlaps appear when they finish.</p>
      )}
    </div>
  );
}
