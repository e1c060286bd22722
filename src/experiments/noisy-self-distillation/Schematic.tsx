import { FlowDiagram, liveNumber } from '../../ui/FlowDiagram';
import { useRunStreaming } from '../../ui/useRunStreaming';
import { runsOf, trainSplitSize, type PageParams } from './params';
import type { NoisyResults } from './results';

type Props = { params: PageParams; results?: NoisyResults; streaming?: boolean };

/** The sweep's noisy levels of one kind, as the arrow says them ("σ² = 0.5, 2, 8"). */
export function noiseLevels(p: PageParams): string[] {
  const runs = runsOf(p).filter((r) => r.level > 0);
  const out: string[] = [];
  for (const [kind, sym] of [
    ['gaussian', 'σ²'],
    ['symmetric', 'p'],
  ] as const) {
    const ls = runs.filter((r) => r.noise === kind).map((r) => liveNumber(Number(r.level.toPrecision(2))));
    if (ls.length) out.push(`${sym} = ${ls.join(', ')}`);
  }
  return out;
}

/**
 * Teacher → student of noisy self-distillation: the teacher's logits, plus fresh noise every iteration
 * (Gaussian σ² or symmetric swaps p), are the student's regression targets.
 */
export function NoisySchematicView({ params: p, streaming = false }: Props) {
  const levels = noiseLevels(p);
  const noise =
    p.noise === 'gaussian' ? '+ N(0, σ²I)' : p.noise === 'symmetric' ? 'swap w.p. p' : '+ N(0, σ²I) or swap';
  const ariaLabel =
    `Schematic: a teacher MLP 784–${p.hidden}–10 trained on ${trainSplitSize(p.trainSize)} Fashion-MNIST images passes its logits, ` +
    `with fresh noise every iteration (${levels.join('; ')}, and 0), to students of the same architecture trained by SGD on ½‖f − ỹ‖² with η = ${liveNumber(p.lr)}, B = ${p.batchSize}.`;
  return (
    <FlowDiagram
      width={700}
      height={132}
      ariaLabel={ariaLabel}
      testId="noisy-schematic"
      boxes={[
        {
          id: 'teacher',
          x: 6,
          y: 18,
          w: 150,
          h: 66,
          title: 'teacher',
          lines: [`MLP 784–${p.hidden}–10`, `${p.teacherEpochs} epochs, Adam`],
          tone: 'teacher',
        },
        {
          id: 'noise',
          x: 250,
          y: 18,
          w: 140,
          h: 66,
          title: 'noise',
          lines: [noise, 'fresh every step'],
          tone: 'accent',
          emphasis: true,
        },
        {
          id: 'student',
          x: 544,
          y: 18,
          w: 150,
          h: 66,
          title: 'students',
          lines: [`same MLP, ${p.epochs} epochs`, `SGD η = ${liveNumber(p.lr)}, B = ${p.batchSize}`],
          tone: 'student',
        },
      ]}
      arrows={[
        { from: 'teacher', to: 'noise', label: ['logits', 'f_T(x)'], tone: 'teacher', flowing: streaming },
        {
          from: 'noise',
          to: 'student',
          label: 'targets ỹ',
          sublabel: levels,
          emphasis: true,
          flowing: streaming,
          testId: 'noisy-schematic-levels',
        },
      ]}
      notes={[
        {
          x: 350,
          y: 124,
          anchor: 'middle',
          text: `student loss ½‖f(x) − ỹ‖², at every level and ${p.seeds} seed${p.seeds > 1 ? 's' : ''}, plus the noiseless 0`,
        },
      ]}
    />
  );
}

/** The experiment's schematic (panel and tour): the view, animated while the run streams. */
export function NoisySchematic({ params, results }: { params: PageParams; results: NoisyResults }) {
  const streaming = useRunStreaming();
  return <NoisySchematicView params={params} results={results} streaming={streaming} />;
}
