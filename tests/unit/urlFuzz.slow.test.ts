import { createElement } from 'react';
import { prerenderToNodeStream } from 'react-dom/static';
import { describe, expect, it } from 'vitest';
import { StoreContext } from '../../src/ui/storeContext';
import type { RunControls } from '../../src/app/runController';
import { experiments } from '../../src/experiments';
import { createLabStore } from '../../src/store/labStore';
import { fuzzHashes } from '../reliability/urlFuzz';

/**
 * URL fuzz in-process (issue 12): thousands of hostile links over every experiment of the registry go
 * through the store exactly as a page load does. Each must load without throwing, end with params the
 * schema accepts, say what it rejected, and — for a seeded sample — render its panel's first frame (the
 * exact theory) with no NaN, Infinity or undefined in the markup. The real browser sees a smaller
 * sample (tests/e2e/fuzz.e2e.ts).
 */
const seed = Number(process.env.LAB_FUZZ_SEED ?? 1);
const states = 2000;
const rendered = 150;
const noop = () => undefined;
const run: RunControls = {
  pause: noop,
  resume: noop,
  step: noop,
  reset: noop,
  cancel: noop,
  engine: { memory: () => Promise.resolve({ numTensors: 0, numBytes: 0 }), injectFault: noop },
};

async function renderPanel(store: ReturnType<typeof createLabStore>): Promise<string> {
  const s = store.getState();
  const def = experiments.find((e) => e.id === s.experimentId)!;
  const tree = createElement(
    StoreContext.Provider,
    { value: { store, run } },
    createElement(def.Panel, {
      params: s.params,
      results: s.results,
      version: s.version,
      setParam: s.setParam,
    }),
  );
  const { prelude } = await prerenderToNodeStream(tree);
  let html = '';
  for await (const chunk of prelude) html += chunk;
  return html;
}

/** Visible text and attribute values of the markup, where a NaN would show. */
const visible = (html: string) =>
  html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/data-value="[^"]*"/g, '');

describe(`URL fuzz (seed ${seed})`, () => {
  const hashes = fuzzHashes(experiments, states, seed);

  it(`${states} links load, repair to valid params and say what they rejected`, () => {
    const failures: string[] = [];
    let withNotices = 0;
    for (const h of hashes) {
      const store = createLabStore(experiments);
      try {
        store.getState().loadHash(h);
      } catch (e) {
        failures.push(`${h.slice(0, 120)}: threw ${String(e)}`);
        continue;
      }
      const s = store.getState();
      // A link that names no experiment opens the landing (no params), and must say so unless it is `#/`.
      if (s.landing) {
        const named = [...new URLSearchParams(h.split('?')[1] ?? '').keys()].filter(
          (k) => k && k !== 'backend',
        );
        const id = /^#\/([^?]*)/.exec(h)?.[1] ?? '';
        if ((named.length > 0 || id !== '') && s.notices.length === 0)
          failures.push(`${h.slice(0, 120)}: landed silently`);
        if (s.notices.length) withNotices++;
        continue;
      }
      const def = experiments.find((e) => e.id === s.experimentId)!;
      if (!def.schema.safeParse(s.params).success)
        failures.push(`${h.slice(0, 120)}: params fail the schema`);
      // Anything the link asked for that is not in the final state must have been named in a notice.
      const q = new URLSearchParams(h.split('?')[1] ?? '');
      const asked = [...q.keys()].filter((k) => k !== 'backend');
      const silent = asked.filter((k) => {
        if (s.notices.some((n) => n.includes(k.slice(0, 40)))) return false;
        const got = s.params[k];
        const raw = q.getAll(k).at(-1)!;
        return (
          !(k in s.params) ||
          (String(Array.isArray(got) ? got.join(',') : got) !== String(Number(raw)) && String(got) !== raw)
        );
      });
      if (silent.length) failures.push(`${h.slice(0, 120)}: changed ${silent.join(', ')} without a notice`);
      if (s.notices.some((n) => n.length > 400))
        failures.push(`${h.slice(0, 80)}: a notice over 400 characters`);
      if (s.notices.length) withNotices++;
    }
    console.log(
      `URL fuzz: ${states} states tried, ${withNotices} with notices, failures = ${failures.length}`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it(`a sample of ${rendered} panels renders with no NaN, Infinity or undefined`, async () => {
    const failures: string[] = [];
    for (const h of hashes.slice(0, rendered)) {
      const store = createLabStore(experiments);
      store.getState().loadHash(h);
      let html: string;
      try {
        html = await renderPanel(store);
      } catch (e) {
        failures.push(`${h.slice(0, 120)}: render threw ${String(e).split('\n')[0]}`);
        continue;
      }
      const bad = /\b(NaN|Infinity|undefined)\b/.exec(visible(html));
      if (bad) {
        const i = bad.index;
        failures.push(`${h.slice(0, 120)}: "${visible(html).slice(Math.max(0, i - 60), i + 20)}"`);
      }
    }
    console.log(`URL fuzz render: ${rendered} panels, failures = ${failures.length}`);
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
