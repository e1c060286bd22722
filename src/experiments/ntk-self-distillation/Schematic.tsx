import { FlowDiagram, liveNumber, type DiagramArrow, type DiagramBox } from '../../ui/FlowDiagram';
import { useRunStreaming } from '../../ui/useRunStreaming';
import type { NtkParams } from './params';
import type { NtkResults } from './results';

type Props = { params: NtkParams; results?: NtkResults; streaming?: boolean };

const ruleText = { chance: 'chance-corrected α', paper: '1 − α = λ·acc', linear: 'linear α decay' } as const;

/** Algorithm 1's label function as the page sets it. */
function labelFunctionText(p: Pick<NtkParams, 'h' | 'tau'>): string {
  return p.h === 'sign'
    ? 'h = sign'
    : p.h === 'softmax'
      ? `h = softmax, τ = ${liveNumber(p.tau)}`
      : 'h = piecewise linear';
}

/** Algorithm 1's α rule with λ (the linear rule has none). */
function alphaRuleText(p: Pick<NtkParams, 'alphaRule' | 'lambda'>): string {
  return p.alphaRule === 'linear' ? ruleText.linear : `λ = ${liveNumber(p.lambda)}, ${ruleText[p.alphaRule]}`;
}

/**
 * Dong et al.'s Fig. 3: the error flow of MentorNet (a mentor network weights the student's samples: its
 * errors flow one way), Co-teaching (two networks pick small-loss samples for each other: errors cross)
 * and Algorithm 1 (one network, its own predictions mixed into the targets), whose step the page's
 * params set: h, λ and the α rule, and the live α_t while the run streams.
 */
export function NtkSchematicView({ params: p, results, streaming = false }: Props) {
  const last = results?.metrics.at(-1);
  const alphaNow = last
    ? `α_t = ${liveNumber(last.selfDistill.alpha)} at t = ${last.iteration}`
    : 'α_t follows the accuracy';
  const h = labelFunctionText(p);
  const rule = alphaRuleText(p);
  const A = 462; // Algorithm 1's panel
  const boxes: DiagramBox[] = [
    { id: 'mentor', x: 4, y: 60, w: 84, h: 50, title: 'mentor', lines: ['network'], tone: 'teacher' },
    { id: 'mstudent', x: 124, y: 60, w: 84, h: 50, title: 'student', lines: ['network'], tone: 'student' },
    { id: 'netA', x: 236, y: 60, w: 80, h: 50, title: 'net A', lines: ['network'], tone: 'neutral' },
    { id: 'netB', x: 352, y: 60, w: 80, h: 50, title: 'net B', lines: ['network'], tone: 'neutral' },
    { id: 'net', x: A - 8, y: 64, w: 94, h: 50, title: 'network', lines: ['f(x; ω_t)'], tone: 'student' },
    {
      id: 'target',
      x: A + 170,
      y: 40,
      w: 172,
      h: 88,
      title: 'target ŷ_t',
      lines: ['α_t·y + (1 − α_t)·h(f(x))', h, rule, alphaNow],
      tone: 'accent',
      emphasis: true,
      testId: 'ntk-schematic-target',
    },
    { id: 'labels', x: A + 206, y: 158, w: 100, h: 28, title: 'labels y', tone: 'data' },
  ];
  const arrows: DiagramArrow[] = [
    { from: 'mentor', to: 'mstudent', label: 'weights', curve: 22, tone: 'teacher' },
    { from: 'mstudent', to: 'mentor', label: 'losses', curve: 22, dashed: true },
    { from: 'netA', to: 'netB', label: 'small-loss', curve: 22 },
    { from: 'netB', to: 'netA', label: 'small-loss', curve: 22 },
    { from: 'net', to: 'target', label: 'h(f)', curve: 22, tone: 'student', flowing: streaming },
    { from: 'target', to: 'net', label: 'GD step', curve: 22, tone: 'accent', flowing: streaming },
    { from: 'labels', to: 'target', label: '× α_t', labelSide: 'right' },
  ];
  const ariaLabel =
    'Schematic of error flow (Dong et al. Fig. 3): MentorNet, where a mentor network weights the student’s samples, so its errors flow one way; ' +
    'Co-teaching, where two networks pick small-loss samples for each other, so errors cross; ' +
    `and Algorithm 1, one network trained on ŷ_t = α_t·y + (1 − α_t)·h(f(x)) with ${h}, ${rule}; ${alphaNow}.`;
  return (
    <FlowDiagram
      width={808}
      height={190}
      ariaLabel={ariaLabel}
      testId="ntk-schematic"
      maxScale={1}
      boxes={boxes}
      arrows={arrows}
      notes={[
        { x: 106, y: 16, anchor: 'middle', text: 'MentorNet', bold: true },
        { x: 106, y: 34, anchor: 'middle', text: 'a second network teaches' },
        { x: 334, y: 16, anchor: 'middle', text: 'Co-teaching', bold: true },
        { x: 334, y: 34, anchor: 'middle', text: 'two networks, errors cross' },
        { x: A + 170, y: 16, anchor: 'middle', text: 'Algorithm 1 (this page)', bold: true },
        { x: A + 170, y: 34, anchor: 'middle', text: 'one network teaches itself' },
      ]}
    />
  );
}

/** The experiment's schematic (panel and tour): the view, animated while the run streams. */
export function NtkSchematic({ params, results }: { params: NtkParams; results: NtkResults }) {
  const streaming = useRunStreaming();
  return <NtkSchematicView params={params} results={results} streaming={streaming} />;
}
