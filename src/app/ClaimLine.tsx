import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { AnyExperiment, Verdict } from '../experiments/types';
import { useLab, useThrottledLab } from '../ui/storeContext';
import './ClaimLine.css';

// KaTeX stays out of the first load (the panels' chunks share it).
const Equation = lazy(() => import('../ui/Equation').then((m) => ({ default: m.Equation })));

const icon: Record<Verdict['state'], string> = { holds: '✔', fails: '✘', pending: '…' };
const word: Record<Verdict['state'], string> = { holds: 'holds', fails: 'does not hold', pending: 'pending' };

const failed = (e: unknown): Verdict => ({
  state: 'pending',
  text: `cannot judge yet (${e instanceof Error ? e.message : String(e)})`,
});

/** How long a figure stays outlined after its name in the line is clicked. */
const flashMs = 2500;

/**
 * "Look here first": the experiment's claim (`def.claim`) typeset, the figure that carries it (click: scroll
 * to it and outline it) and the live verdict, which says "provisional" until the run has finished. Where the
 * defaults do not show the effect, it names the preset that does and applies it. Names no paper: all of it
 * is the experiment's data. Follows the results at most four times a second.
 */
export function ClaimLine({ def, compact = false }: { def: AnyExperiment; compact?: boolean }) {
  const claim = def.claim;
  const live = useThrottledLab(
    (s) => ({ id: s.experimentId, params: s.params, results: s.results, version: s.version }),
    250,
  );
  const applyPreset = useLab((s) => s.applyPreset);
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => setFlash(false), flashMs);
    return () => clearTimeout(t);
  }, [flash]);
  // A verdict is a pure function of the results; one that needs an exact solver may be async (its chunk
  // loads on first use): the last answer stays on screen until the next one arrives.
  const computed = useMemo((): Verdict | Promise<Verdict> | null => {
    if (!claim || live.id !== def.id) return null;
    try {
      return claim.verdict(live.results, live.params);
    } catch (e) {
      return failed(e);
    }
  }, [claim, def.id, live]);
  const [resolved, setResolved] = useState<Verdict | null>(null);
  useEffect(() => {
    if (!(computed instanceof Promise)) return;
    let current = true;
    computed.then(
      (v) => current && setResolved(v),
      (e: unknown) => current && setResolved(failed(e)),
    );
    return () => {
      current = false;
    };
  }, [computed]);
  const verdict = computed instanceof Promise ? resolved : computed;
  if (!claim) return null;
  const figure = def.figures.find((f) => f.id === claim.figure);
  const preset = claim.presetHint && def.presets.find((p) => p.id === claim.presetHint?.preset);
  const params = live.params as Record<string, unknown>;
  const inPreset =
    preset && live.id === def.id && Object.entries(preset.params).every(([k, v]) => params[k] === v);
  const v = verdict ?? { state: 'pending' as const, text: 'waiting for the run' };
  const show = () => {
    const el = document.querySelector(`[data-figure-id="${CSS.escape(claim.figure)}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    setFlash(true);
  };
  return (
    <section
      className={compact ? 'claim-line compact' : 'claim-line'}
      aria-label="look here first: the claim and its live verdict"
      data-testid="claim-line"
      data-state={v.state}
      data-provisional={v.provisional ? 'true' : 'false'}
    >
      {flash && (
        <style>{`[data-figure-id="${CSS.escape(claim.figure)}"]{outline:4px solid #e76f51;outline-offset:3px}`}</style>
      )}
      <p className="claim-statement">
        <strong className="claim-lead">Look here first</strong>{' '}
        <button
          type="button"
          className="claim-figure"
          onClick={show}
          title="scroll to this figure and outline it"
          data-testid="claim-figure"
        >
          {figure?.title ?? claim.figure}
        </button>{' '}
        <span className="claim-source">({claim.source})</span>:{' '}
        <span className="claim-tex">
          <Suspense fallback={null}>
            <Equation tex={claim.tex} terms={claim.terms} />
          </Suspense>
        </span>{' '}
        — {claim.text}.
      </p>
      <p
        className={`claim-verdict ${v.state}${v.provisional ? ' provisional' : ''}`}
        data-testid="claim-verdict"
      >
        <span className="claim-icon" aria-hidden="true">
          {icon[v.state]}
        </span>{' '}
        <strong>{v.provisional ? `provisional — ${v.provisional}` : `here: ${word[v.state]}`}</strong>
        {': '}
        {v.text}
        {preset && claim.presetHint && !inPreset && (
          <span className="claim-hint" data-testid="claim-hint">
            {' '}
            · {claim.presetHint.text}:{' '}
            <button type="button" onClick={() => applyPreset(preset.id)} data-testid="claim-apply-preset">
              apply “{preset.label}”
            </button>
          </span>
        )}
      </p>
    </section>
  );
}
