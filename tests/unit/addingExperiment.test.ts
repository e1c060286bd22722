import * as tf from '@tensorflow/tfjs';
import { readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLab } from '../../src/cli/runLab';
import { createHost } from '../../src/engine/host';
import type { FromWorker } from '../../src/engine/protocol';
import { experiments } from '../../src/experiments';
import { collectExperiments, collectJobs } from '../../src/experiments/registry';
import { createLabStore } from '../../src/store/labStore';

/**
 * The claim of the experiment contract: a paper is one folder. `tests/experiments/example-mean` (the
 * README's worked example) is a folder no file outside it names; the same discovery functions the app,
 * the worker and the CLI use find it and run it end to end.
 */
const uiModules = import.meta.glob('../experiments/*/index.ts', { eager: true });
const jobModules = import.meta.glob('../experiments/*/jobs.ts', { eager: true });

describe('adding an experiment is adding a folder', () => {
  const [example] = collectExperiments(uiModules);

  it('the app registry is exactly the folders of src/experiments', () => {
    const folders = readdirSync('src/experiments', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`src/experiments/${d.name}/index.ts`))
      .map((d) => d.name)
      .sort();
    expect(experiments.map((e) => e.id).sort()).toEqual(folders);
    // The default page (first in the picker) is the one the lab opens with.
    expect(experiments[0].id).toBe('label-noise-sgd');
    expect(experiments.map((e) => e.id)).toEqual(
      expect.arrayContaining(['label-noise-sgd', 'hilbert-self-distillation', 'ntk-self-distillation']),
    );
  });

  it('is discovered with its controls, and its state round-trips through the URL', () => {
    expect(example.id).toBe('example-mean');
    const store = createLabStore([...experiments, example]);
    store.getState().loadHash('#/example-mean?sigma=2.5&samples=200&seed=7&backend=cpu');
    expect(store.getState().notices).toEqual([]);
    expect(store.getState().params).toEqual({ sigma: 2.5, samples: 200, seed: 7 });
    expect(store.getState().hash()).toBe('#/example-mean?sigma=2.5&samples=200&seed=7&backend=cpu');
    expect(store.getState().setParam('sigma', 50)).toBe(false);
    expect(store.getState().paramErrors.sigma).toMatch(/<=10/);
  });

  it('its job runs in the engine host, typed frames fold into its results', async () => {
    const jobs = collectJobs(jobModules);
    expect([...jobs.keys()]).toEqual(['example-mean']);
    const out: FromWorker[] = [];
    const host = createHost({
      jobs,
      post: (m) => out.push(m),
      initBackend: async () => {
        await tf.setBackend('cpu');
        return { tf, backend: 'cpu', gpuDevice: null };
      },
      frameIntervalMs: 0,
    });
    await host.handle({ type: 'init', backend: 'cpu' });
    const spec = example.jobFor({ sigma: 1, samples: 4000, seed: 3 })!;
    await host.handle({ type: 'start', runId: 1, job: spec.job.id, params: spec.params });
    expect(out.at(-1)).toEqual({ type: 'done', runId: 1 });
    let r = example.initResults({ sigma: 1, samples: 4000, seed: 3 });
    for (const m of out)
      if (m.type === 'frame') r = example.reduce(r, m.frame, { sigma: 1, samples: 4000, seed: 3 });
    expect(r.n).toHaveLength(4000);
    // The law of large numbers, with a margin: at n = 4000 the expected |error| is √(2/(π·4000)) ≈ 0.0126;
    // 5× that is a 6-σ event for this seed-independent bound.
    expect(r.error[3999]).toBeLessThan(5 * Math.sqrt(2 / (Math.PI * 4000)));
  });

  it('its CLI command is found by `lab` and listed by `lab --help`', async () => {
    const opts = { experimentsDir: 'tests/experiments', publicDir: 'public' };
    const r = await runLab(['example-mean'], '{"sigma": 2, "n": 8}', opts);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).expectedError).toBeCloseTo(2 * Math.sqrt(2 / (Math.PI * 8)), 12);
    const help = await runLab(['--help'], '', opts);
    expect(help.stdout).toMatch(/example-mean .*\n\s+input: sigma: number, n: integer/);
    const bad = await runLab(['example-mean'], '{"sigma": -1, "n": 8}', opts);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^lab: invalid input: sigma: /);
  });
});
