import { FlowDiagram, liveNumber } from '../../ui/FlowDiagram';
import { useRunStreaming } from '../../ui/useRunStreaming';
import type { KdParams } from './params';
import type { KdResults } from './results';

type Props = { params: KdParams; results?: KdResults; streaming?: boolean };

/**
 * Teacher → student of the kernel-regime distillation: the labels train the teacher; the student (a
 * subset of the teacher's units) fits the labels and, with weight λ, the teacher's hidden features.
 */
export function KdSchematicView({ params: p, streaming = false }: Props) {
  const lam = liveNumber(p.lambda);
  const data = p.data === 'fashion' ? 'Fashion-MNIST' : 'synthetic';
  const flipped = p.labelNoise > 0 ? `${Math.round(p.labelNoise * 100)} % flipped` : 'clean';
  const teacherStop = p.teacherStop === 'validation' ? 'early-stopped (validation)' : 'fully trained';
  const ariaLabel =
    `Schematic: labels y of ${p.n} points (${data}, ${flipped}) train a teacher of ${p.teacherWidth} ${p.activation} units, ${teacherStop}; ` +
    `the student, ${p.studentWidth} of its units, learns the teacher's hidden features with weight λ = ${lam} and the labels with weight 1.`;
  return (
    <FlowDiagram
      width={700}
      height={160}
      ariaLabel={ariaLabel}
      testId="kd-schematic"
      boxes={[
        {
          id: 'labels',
          x: 6,
          y: 18,
          w: 150,
          h: 66,
          title: 'labels y',
          lines: [`n = ${p.n}, ${data}`, flipped],
          tone: 'data',
        },
        {
          id: 'teacher',
          x: 276,
          y: 18,
          w: 150,
          h: 66,
          title: 'teacher',
          lines: [`m̄ = ${p.teacherWidth} ${p.activation} units`, teacherStop],
          tone: 'teacher',
        },
        {
          id: 'student',
          x: 544,
          y: 18,
          w: 150,
          h: 66,
          title: 'student',
          lines: [`m = ${p.studentWidth} of its units`, 'full-batch GD'],
          tone: 'student',
          emphasis: true,
        },
      ]}
      arrows={[
        { from: 'labels', to: 'teacher', label: 'fit Σ(y − f)²' },
        {
          from: 'teacher',
          to: 'student',
          label: ['features φ_k', `weight λ = ${lam}`],
          tone: 'teacher',
          emphasis: true,
          flowing: streaming,
          testId: 'kd-schematic-lambda',
        },
        { from: 'labels', to: 'student', label: 'labels y, weight 1', curve: -88, labelSide: 'right' },
      ]}
      notes={[
        {
          x: 350,
          y: 154,
          anchor: 'middle',
          text: `student loss Σ(y − f)² + λ·Σ_k ‖φ_k − σ(Xw_k)‖²,  λ = ${lam}`,
        },
      ]}
    />
  );
}

/** The experiment's schematic (panel and tour): the view, animated while the run streams. */
export function KdSchematic({ params, results }: { params: KdParams; results: KdResults }) {
  const streaming = useRunStreaming();
  return <KdSchematicView params={params} results={results} streaming={streaming} />;
}
