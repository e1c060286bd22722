import { Fragment } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { Slider } from './Slider';
import { useLab } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';

/**
 * The experiment's controls, generated from its control list; every value goes through its schema.
 * `only`: just these keys, in this order, without presets (the presentation mode's key sliders).
 */
export function Controls({ def, only }: { def: AnyExperiment; only?: readonly string[] }) {
  countRender('Controls');
  const params = useLab((s) => s.params);
  const errors = useLab((s) => s.paramErrors);
  const setParam = useLab((s) => s.setParam);
  const applyPreset = useLab((s) => s.applyPreset);
  const hidden = useLab((s) => s.hidden);
  const shown = only
    ? only.flatMap((k) => def.controls.filter((c) => c.key === k))
    : def.controls.filter((c) => !hidden.includes(c.key));
  return (
    <aside
      className={only ? 'controls key-controls' : 'controls'}
      aria-label={only ? 'key controls' : 'controls'}
    >
      {!only && (
        <div className="presets">
          <h3>Presets</h3>
          {def.presets.map((p) => (
            <Fragment key={p.id}>
              <button
                type="button"
                onClick={() => applyPreset(p.id)}
                data-preset={p.id}
                aria-describedby={p.cost ? `preset-cost-${p.id}` : undefined}
              >
                {p.label}
              </button>
              {p.cost && (
                <p className="preset-cost" id={`preset-cost-${p.id}`}>
                  {p.cost}
                </p>
              )}
            </Fragment>
          ))}
        </div>
      )}
      {!only && <h3>Parameters</h3>}
      {shown.map((c) =>
        c.kind === 'seed' ? (
          <SeedField
            key={c.key}
            id={c.key}
            label={c.label ?? 'seed'}
            value={params[c.key] as number}
            error={errors[c.key]}
            onChange={(v) => setParam(c.key, v)}
          />
        ) : c.kind === 'number' ? (
          <Slider
            key={c.key}
            control={c}
            disabled={c.enabledWhen ? !c.enabledWhen(params) : false}
            value={params[c.key] as number}
            error={errors[c.key]}
            onChange={(v) => setParam(c.key, v)}
          />
        ) : (
          <div className="control" key={c.key} title={c.help} data-control={c.key}>
            <label htmlFor={`ctl-${c.key}`}>{c.label}</label>
            <select
              id={`ctl-${c.key}`}
              aria-label={c.label}
              value={String(params[c.key])}
              onChange={(e) => setParam(c.key, e.target.value)}
            >
              {c.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {errors[c.key] && (
              <div className="control-error" role="alert">
                {errors[c.key]}
              </div>
            )}
          </div>
        ),
      )}
    </aside>
  );
}

function SeedField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  error?: string;
  onChange: (v: number) => boolean;
}) {
  return (
    <div className="control" data-control={id}>
      <label htmlFor={`ctl-${id}`}>{label}</label>
      <div className="control-row">
        <input
          id={`ctl-${id}`}
          className="num wide"
          aria-label={label}
          type="number"
          value={value}
          onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
        />
        <button type="button" onClick={() => onChange(Math.floor(Math.random() * 2 ** 31))}>
          new seed
        </button>
      </div>
      {error && (
        <div className="control-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
