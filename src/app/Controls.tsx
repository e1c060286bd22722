import type { AnyExperiment } from '../experiments/types';
import { Slider } from './Slider';
import { useLab } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';

/** The experiment's controls, generated from its control list; every value goes through its schema. */
export function Controls({ def }: { def: AnyExperiment }) {
  countRender('Controls');
  const params = useLab((s) => s.params);
  const errors = useLab((s) => s.paramErrors);
  const setParam = useLab((s) => s.setParam);
  const applyPreset = useLab((s) => s.applyPreset);
  return (
    <aside className="controls" aria-label="controls">
      <div className="presets">
        <h3>Presets</h3>
        {def.presets.map((p) => (
          <button key={p.id} type="button" onClick={() => applyPreset(p.id)} data-preset={p.id}>
            {p.label}
          </button>
        ))}
      </div>
      <h3>Parameters</h3>
      {def.controls.map((c) =>
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
          <div className="control" key={c.key} title={c.help}>
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
    <div className="control">
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
