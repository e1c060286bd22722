import { useState } from 'react';
import type { AnyNumberControl } from '../experiments/types';

const STEPS = 1000;

/** Position on a 0..STEPS track ↔ value, on a log or linear scale. */
function toPosition(c: AnyNumberControl, v: number): number {
  const t = c.scale === 'log' ? Math.log(v / c.min) / Math.log(c.max / c.min) : (v - c.min) / (c.max - c.min);
  return Math.round(Math.min(Math.max(t, 0), 1) * STEPS);
}
function fromPosition(c: AnyNumberControl, pos: number): number {
  const t = pos / STEPS;
  const v = c.scale === 'log' ? c.min * Math.pow(c.max / c.min, t) : c.min + t * (c.max - c.min);
  // A stepped slider (even widths) lands on its grid, never on a value the params would refuse.
  if (c.step) return Math.min(c.max, Math.max(c.min, Math.round(v / c.step) * c.step));
  if (c.integer) return Math.round(v);
  // Three significant digits: a slider cannot mean more, and the URL stays readable.
  return Number(v.toPrecision(3));
}

interface Props {
  control: AnyNumberControl;
  disabled?: boolean;
  value: number;
  error?: string;
  onChange: (v: number) => boolean;
}

/** A range input plus a text box for exact values; both go through the experiment's schema. */
export function Slider({ control, value, error, onChange, disabled = false }: Props) {
  // While typing, the box shows the draft; otherwise it shows the current value.
  const [draft, setDraft] = useState<string | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const text = draft ?? String(value);
  const id = `ctl-${control.key}`;
  const commitText = () => {
    // Nothing typed since the last commit (a blur after Enter, a Tab through): not a change, no restart.
    if (draft === null) return;
    const v = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(v)) {
      setLocal(`"${text}" is not a number`);
      return;
    }
    setLocal(null);
    onChange(v);
    setDraft(null);
  };
  const message = local ?? error;
  return (
    <div
      className={disabled ? 'control disabled' : 'control'}
      title={control.help}
      data-control={control.key}
    >
      <label htmlFor={id}>{control.label}</label>
      <div className="control-row">
        <input
          id={id}
          type="range"
          min={0}
          max={STEPS}
          step={1}
          aria-label={control.label}
          // a screen reader announces the value, not the track position
          aria-valuetext={`${control.label} = ${value}`}
          disabled={disabled}
          value={toPosition(control, value)}
          onChange={(e) => {
            setLocal(null);
            onChange(fromPosition(control, Number(e.target.value)));
          }}
        />
        <input
          className="num"
          aria-label={`${control.label} value`}
          value={text}
          inputMode="decimal"
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commitText}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitText();
          }}
        />
      </div>
      {message && (
        <div className="control-error" role="alert">
          {message}
        </div>
      )}
    </div>
  );
}
