import { useMemo } from 'react';
import { palette } from '../../charts/theme';
import { FlowDiagram, liveNumber, type DiagramArrow, type DiagramBox } from '../../ui/FlowDiagram';
import { hilbertModel, type HilbertModel } from './model';
import type { HilbertParams } from './params';
import type { HilbertResults } from './results';

const subDigits = '₀₁₂₃₄₅₆₇₈₉';
/** An integer in subscript digits (y₁₂). */
const sub = (n: number) => String(n).replace(/\d/g, (c) => subDigits[Number(c)]);

/** Round boxes drawn at once; with more rounds, a window of this many around the round shown. */
const SLOTS = 4;
const BOX_W = 108;
const BOX_H = 118;
const GAP = 34;
const BARS = { x: 10, y: 30, w: BOX_W - 20, h: 54 };
/** Decades of B_t the mini bars span (log scale, as the panel's Fig. 3 offers). */
const DECADES = 6;

/** The rounds the schematic draws: a window of up to SLOTS consecutive rounds that holds `shown`. */
export function roundWindow(rounds: number, shown: number): number[] {
  const n = Math.min(SLOTS, rounds);
  const start = Math.max(0, Math.min(shown - 1, rounds - n));
  return Array.from({ length: n }, (_, i) => start + i);
}

/** Height of one mini bar (B_t[k,k] in (0, 1]) on a log scale of DECADES decades. */
export function barHeight(b: number): number {
  if (!(b > 0)) return 0;
  return Math.max(0, Math.min(1, 1 + Math.log10(b) / DECADES)) * BARS.h;
}

function MiniBars({ values, color }: { values: readonly number[]; color: string }) {
  const w = BARS.w / values.length;
  return (
    <g>
      <line
        x1={BARS.x}
        x2={BARS.x + BARS.w}
        y1={BARS.y + BARS.h}
        y2={BARS.y + BARS.h}
        stroke="#999"
        strokeWidth={1}
      />
      {values.map((b, k) => {
        const h = barHeight(b);
        return (
          <rect
            key={k}
            x={BARS.x + k * w + w * 0.12}
            y={BARS.y + BARS.h - h}
            width={Math.max(w * 0.76, 0.8)}
            height={h}
            fill={color}
          />
        );
      })}
    </g>
  );
}

function BoxNote({ lines }: { lines: readonly string[] }) {
  return (
    <>
      {lines.map((l, i) => (
        <text
          key={i}
          x={BOX_W / 2}
          y={BARS.y + BARS.h + 15 + i * 14}
          textAnchor="middle"
          fontSize={11.5}
          fill="#444"
        >
          {l}
        </text>
      ))}
    </>
  );
}

type ViewProps = {
  model: HilbertModel;
  /** the round scrubber's value (clamped to the rounds there are) */
  round: number;
  epsilon: number;
  alpha: number;
};

/**
 * Mobahi et al.'s Fig. 1 from the live solve: the labels y₀ are fitted (round 0), the fit's predictions
 * at the data become the next round's labels, and so on. Each round's box holds the diagonal of B_t
 * (log scale: the small eigen-directions die first) and ‖y_t‖²/K; the round the scrubber shows is
 * outlined, and the last box is the collapse to f = 0 once ‖y_t‖²/K ≤ ε.
 */
export function HilbertSchematicView({ model, round, epsilon, alpha }: ViewProps) {
  const eps = liveNumber(epsilon);
  const K = model.data.x.length;
  const boxes: DiagramBox[] = [
    {
      id: 'y0',
      x: 4,
      y: 26,
      w: 96,
      h: 70,
      title: 'labels y₀',
      lines: [`K = ${K} points`, `ε = ${eps}`],
      tone: 'data',
    },
  ];
  const arrows: DiagramArrow[] = [];
  let ariaLabel: string;
  if (!model.ok) {
    boxes.push({
      id: 'infeasible',
      x: 4 + 96 + GAP,
      y: 26,
      w: 200,
      h: 70,
      title: 'round 0: no solution',
      lines: [
        model.infeasible ? `residual ${liveNumber(model.infeasible.residual)} > ε` : 'the solve failed',
        'raise ε or drop the endpoints',
      ],
      tone: 'muted',
      emphasis: true,
    });
    arrows.push({ from: 'y0', to: 'infeasible', dashed: true });
    ariaLabel = `Schematic of rounds of self-distillation: the ${K} labels cannot be fitted within ε = ${eps}, so there is no round 0.`;
  } else {
    const { run } = model;
    const rounds = run.roundsBeforeCollapse;
    const shown = Math.min(round, Math.max(rounds - 1, 0));
    const win = roundWindow(rounds, shown);
    let x = 4 + 96 + GAP;
    let prev = 'y0';
    win.forEach((t, i) => {
      const id = `r${t}`;
      const ms = run.meanSquaredNorm[t];
      boxes.push({
        id,
        x,
        y: 4,
        w: BOX_W,
        h: BOX_H,
        title: `round ${t}`,
        tone: t === shown ? 'neutral' : 'muted',
        emphasis: t === shown,
        testId: t === shown ? 'hilbert-schematic-current' : undefined,
        children: (
          <g opacity={t <= shown ? 1 : 0.45}>
            <MiniBars values={run.B[t]} color={palette[t % palette.length]} />
            <BoxNote lines={[`fit f${sub(t)}`, `‖y${sub(t)}‖²/K = ${liveNumber(ms)}`]} />
          </g>
        ),
      });
      arrows.push({
        from: prev,
        to: id,
        label: i === 0 ? (t === 0 ? 'fit' : `… y${sub(t)}`) : `y${sub(t)}`,
        dashed: i === 0 && t > 0,
      });
      prev = id;
      x += BOX_W + GAP;
    });
    const last = rounds;
    if (run.collapsed) {
      boxes.push({
        id: 'collapse',
        x,
        y: 26,
        w: 116,
        h: 70,
        title: rounds === 0 ? 'round 0' : win.at(-1) === rounds - 1 ? `round ${last}` : `… round ${last}`,
        lines: [`‖y‖²/K ≤ ε`, 'f = 0: collapse'],
        tone: 'accent',
      });
      arrows.push({ from: prev, to: 'collapse', label: `y${sub(last)}`, dashed: win.at(-1) !== rounds - 1 });
    } else {
      boxes.push({
        id: 'more',
        x,
        y: 26,
        w: 116,
        h: 70,
        title: `${rounds} rounds`,
        lines: [alpha > 0 ? `α = ${liveNumber(alpha)}:` : 'round cap:', 'no collapse'],
        tone: 'muted',
      });
      arrows.push({ from: prev, to: 'more', dashed: true });
    }
    const top = run.B[shown];
    ariaLabel =
      rounds === 0 || !top
        ? `Schematic of rounds of self-distillation: ‖y₀‖²/K = ${liveNumber(run.meanSquaredNorm[0])} is already within ε = ${eps}, so the solution is f = 0 from round 0 (no round to show).`
        : `Schematic of rounds of self-distillation: the ${K} labels y₀ are fitted within ε = ${eps} (round 0), and each round's predictions become the next round's labels. ` +
          `Round ${shown} of ${rounds} is shown: the diagonal of B_${shown} runs from ${liveNumber(top[0])} in the top eigen-direction down to ${liveNumber(top[top.length - 1])} in the smallest, ` +
          `and ‖y_t‖²/K is ${liveNumber(run.meanSquaredNorm[shown])}. ` +
          (run.collapsed
            ? `At round ${last} ‖y_t‖²/K = ${liveNumber(run.meanSquaredNorm[last])} ≤ ε and the solution collapses to f = 0.`
            : `No collapse within ${rounds} rounds${alpha > 0 ? ` (label mixing α = ${liveNumber(alpha)})` : ''}.`);
  }
  const width = Math.max(4 + 96 + GAP + SLOTS * (BOX_W + GAP) + 116 + 4, 0);
  return (
    <FlowDiagram
      width={width}
      height={model.ok ? 152 : 104}
      ariaLabel={ariaLabel}
      testId="hilbert-schematic"
      boxes={boxes}
      arrows={arrows}
      notes={
        model.ok
          ? [
              {
                x: 4,
                y: 146,
                text: 'arrows: each fit’s predictions f_t(x_k) are the next labels · bars: diagonal of B_t (log, 10⁻⁶ … 1)',
              },
            ]
          : []
      }
    />
  );
}

type Props = { params: HilbertParams; results: HilbertResults };

/** The schematic from the params alone (the tour card): the same exact solve the panel memoises. */
export function HilbertSchematic({ params }: Props) {
  const { epsilon, data, target, points, noise, endpoints, alpha, maxRounds, seed } = params;
  const model = useMemo(
    () => hilbertModel({ epsilon, data, target, points, noise, endpoints, alpha, maxRounds, seed }),
    [epsilon, data, target, points, noise, endpoints, alpha, maxRounds, seed],
  );
  return <HilbertSchematicView model={model} round={params.round} epsilon={epsilon} alpha={alpha} />;
}
