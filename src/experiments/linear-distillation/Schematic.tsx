import { FlowDiagram, liveNumber } from '../../ui/FlowDiagram';
import { useRunStreaming } from '../../ui/useRunStreaming';
import type { LinearParams } from './params';
import type { LinearResults } from './results';

const subDigits = '₀₁₂₃₄₅₆₇₈₉';
/** An integer in subscript digits (x₁₂). */
const subscript = (n: number) => String(n).replace(/\d/g, (c) => subDigits[Number(c)]);

type Props = { params: LinearParams; results?: LinearResults; streaming?: boolean };

/**
 * Teacher → student of linear distillation: n transfer points drawn with the task's angle law (κ or a
 * margin), the teacher's soft labels σ(w*ᵀx), and the linear (or deep linear) student trained from 0.
 */
export function LinearSchematicView({ params: p, streaming = false }: Props) {
  const task = p.task === 'kappa' ? `κ = ${liveNumber(p.kappa)}` : `margin ${liveNumber(p.margin)}°`;
  const student = p.depth === 1 ? 'linear, from w = 0' : `deep linear, N = ${p.depth}`;
  const limit = p.n >= p.d ? 'n ≥ d: ŵ = w*' : `ŵ = projection of w* on span(x₁ … x${subscript(p.n)})`;
  const ariaLabel =
    `Schematic: ${p.n} transfer points in d = ${p.d} dimensions, drawn with ${task}, go to the teacher w*, ` +
    `whose soft labels σ(w*ᵀx) train a ${student} student by gradient descent on the same points; it converges to ${limit}.`;
  return (
    <FlowDiagram
      width={700}
      height={160}
      ariaLabel={ariaLabel}
      testId="linear-schematic"
      boxes={[
        {
          id: 'data',
          x: 6,
          y: 18,
          w: 150,
          h: 66,
          title: 'transfer set',
          lines: [`n = ${p.n} points`, `d = ${p.d}`],
          tone: 'data',
        },
        {
          id: 'teacher',
          x: 276,
          y: 18,
          w: 150,
          h: 66,
          title: 'teacher w*',
          lines: ['h*(x) = 𝟙{w*ᵀx ≥ 0}', '‖w*‖ = 1'],
          tone: 'teacher',
        },
        {
          id: 'student',
          x: 544,
          y: 18,
          w: 150,
          h: 66,
          title: 'student w',
          lines: [student, 'GD on cross-entropy'],
          tone: 'student',
        },
      ]}
      arrows={[
        {
          from: 'data',
          to: 'teacher',
          label: ['x ~ p(θ)', task],
          emphasis: true,
          testId: 'linear-schematic-task',
        },
        {
          from: 'teacher',
          to: 'student',
          label: ['soft labels', 'σ(w*ᵀxᵢ)'],
          tone: 'teacher',
          flowing: streaming,
        },
        { from: 'data', to: 'student', label: 'the same xᵢ', curve: -88, labelSide: 'right' },
      ]}
      notes={[{ x: 350, y: 154, anchor: 'middle', text: `the student converges to ${limit}` }]}
    />
  );
}

/** The experiment's schematic (panel and tour): the view, animated while the run streams. */
export function LinearSchematic({ params, results }: { params: LinearParams; results: LinearResults }) {
  const streaming = useRunStreaming();
  return <LinearSchematicView params={params} results={results} streaming={streaming} />;
}
