import { describe, expect, it } from 'vitest';
import { experiments } from '.';
import { tourProblems } from './registry';
import type { AnyExperiment } from './types';

/**
 * Every experiment the registry discovers has a guided tour that the registry accepts, and whose steps
 * read as steps: a few plain sentences each, unique titles, a figure of the experiment at the end.
 */

const maxChars = 400;

/** Words after which a full stop does not end a sentence ("Fig. 2", "eq. (16)", "Prop. 4"). */
const abbreviations = /\b(Fig|Figs|Prop|Thm|Cor|Def|Sec|Eq|eq|e\.g|i\.e|cf|vs|al)\.$/;

/**
 * Sentences in a step's text: a sentence ends at . ! or ? followed by the end of the text, or by a space
 * and something other than a digit, a lowercase Latin letter or a parenthesis (so "Fig. 2", "0.05" and
 * "eq. (16)" do not end one), unless the word before it is a known abbreviation.
 */
function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const end = /[.!?](?=\s*$|\s+[^\s\d(a-z])/g;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    const upTo = text.slice(start, m.index + 1);
    if (abbreviations.test(upTo)) continue;
    out.push(upTo.trim());
    start = m.index + 1;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

describe('the sentence counter', () => {
  it('does not split at abbreviations, numbers or “eq. (16)”', () => {
    expect(sentences('Fig. 2 shows eq. (16) at η = 0.05. Then Prop. 4 fails!')).toEqual([
      'Fig. 2 shows eq. (16) at η = 0.05.',
      'Then Prop. 4 fails!',
    ]);
    expect(sentences('One. σ² grows. ŵ moves')).toHaveLength(3);
  });
});

/** The params a step runs with: the defaults, then its preset, then its params (or the defaults). */
const paramsOf = (e: AnyExperiment, step: NonNullable<AnyExperiment['tour']>[number]) => ({
  ...e.defaults,
  ...(e.presets.find((p) => p.id === step.preset)?.params ?? {}),
  ...(step.params ?? {}),
});

describe.each(experiments.map((e) => [e.id, e] as const))('%s: the guided tour', (_, e: AnyExperiment) => {
  const tour = e.tour ?? [];

  it('has at least 5 steps, which the registry accepts', () => {
    expect(tour.length).toBeGreaterThanOrEqual(5);
    expect(tourProblems(e)).toEqual([]);
  });

  it('each step says 2–4 sentences in at most ~400 characters', () => {
    for (const step of tour) {
      const n = sentences(step.text).length;
      expect(n, `“${step.title}”: ${n} sentences`).toBeGreaterThanOrEqual(2);
      expect(n, `“${step.title}”: ${n} sentences`).toBeLessThanOrEqual(4);
      expect(step.text.length, `“${step.title}”`).toBeLessThanOrEqual(maxChars);
      expect(step.text, `“${step.title}”`).not.toMatch(/\n|\s{2}/);
    }
  });

  it('has unique step titles and ends on one of its figures', () => {
    const titles = tour.map((s) => s.title.trim());
    expect(new Set(titles).size).toBe(titles.length);
    expect(e.figures.map((f) => f.id)).toContain(tour.at(-1)?.figure);
  });

  it('starts from known params, and waits only for what a fresh run has not reached yet', () => {
    // The first step sets its params: the tour must not depend on where the visitor left the sliders.
    expect(tour[0].preset !== undefined || tour[0].params !== undefined).toBe(true);
    for (const step of tour) {
      if (!step.waitFor) continue;
      expect(step.waitFor.label.trim(), `“${step.title}”`).not.toBe('');
      const fresh = e.initResults(e.schema.parse(paramsOf(e, step)));
      expect(step.waitFor.reached(fresh), `“${step.title}”: reached before the run starts`).toBe(false);
    }
  });
});
