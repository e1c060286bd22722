import { MarkerGlyph, type MarkerShape } from '../markers';
import { usePlot } from '../plotContext';
import { approxTextWidth, chrome, font, haloLabel } from '../theme';
import type { LabelCorner } from '../labelPlacement';

export interface TextMarkProps {
  id?: string;
  /** Data-space position. */
  at: [number, number];
  text: string;
  color?: string;
  /** A glyph at the point (β*, β̂), with the text beside it; without one the text sits on the point. */
  glyph?: MarkerShape;
  /** which corner of the glyph the text takes (labelPlacement.ts); default north-east, west at the plot's edge */
  corner?: LabelCorner;
}

/**
 * An annotation in data space: text with a white halo (readable over dense data), right of the
 * point unless that would run out of the plot.
 */
export function TextMark({ id, at, text, color = chrome.text, glyph, corner }: TextMarkProps) {
  const { layout } = usePlot();
  const px = layout.x(at[0]);
  const py = layout.y(at[1]);
  if (!Number.isFinite(px) || !Number.isFinite(py)) return null;
  const gap = glyph ? 11 : 0;
  const left = corner
    ? corner === 'nw' || corner === 'sw'
    : px + gap + approxTextWidth(text, font.legend + 1) > layout.frame.plotW;
  const below = corner === 'se' || corner === 'sw';
  return (
    <g transform={`translate(${px},${py})`} data-text-id={id}>
      {glyph && <MarkerGlyph shape={glyph} color={color} />}
      {text && (
        <text
          x={left ? -gap : gap}
          y={glyph ? (below ? 7 : -7) : 0}
          dy={glyph ? (below ? '0.8em' : undefined) : '0.35em'}
          textAnchor={left ? 'end' : 'start'}
          {...haloLabel}
          fill={color}
        >
          {text}
        </text>
      )}
    </g>
  );
}
