import type { Browser } from 'playwright-core';
import { kdPoles } from '../../src/experiments/kernel-distillation/math/kernelDistillation';
import { defaultParams as kdDefaults } from '../../src/experiments/kernel-distillation/params';
import { openPage, waitForBackend } from '../e2e/harness';

/**
 * Bench sections of the batched training sweeps, per backend: the noisy self-distillation sweep
 * (Xiong et al. Fig. 2–3) and the kernel-regime teacher/student program (Rahbar et al.). Each runs the
 * page's own worker job through window.__labRunJob and reports what the job itself timed.
 */
interface RunOut {
  report: { active: string };
  frames: { kind: string; [k: string]: unknown }[];
}

async function perBackend<T>(
  browser: Browser,
  url: string,
  backends: string[],
  job: string,
  params: (backend: string) => unknown,
  read: (frames: RunOut['frames']) => T,
): Promise<{ backend: string; result: T | null; error?: string }[]> {
  const out: { backend: string; result: T | null; error?: string }[] = [];
  for (const b of backends) {
    // A page whose own run is exact theory only, so nothing competes with the measurement.
    const { page } = await openPage(browser, `${url}#/hilbert-self-distillation?backend=${b}`);
    try {
      await waitForBackend(page, 120_000);
      const { report, frames } = (await page.evaluate(
        `window.__labRunJob(${JSON.stringify(b)}, ${JSON.stringify(job)}, ${JSON.stringify(params(b))})`,
      )) as RunOut;
      if (report.active !== b)
        out.push({ backend: b, result: null, error: `not available (fell back to ${report.active})` });
      else out.push({ backend: b, result: read(frames) });
    } catch (err) {
      out.push({ backend: b, result: null, error: String(err).split('\n')[0] });
    }
    await page.close();
  }
  return out;
}

/** Students per second of the batched sweep, and the time until Fig. 2's first point. */
export async function noisySweepSection(
  browser: Browser,
  url: string,
  backends: string[],
  quick: boolean,
): Promise<string[]> {
  const runs = [
    { noise: 'gaussian', level: 0 },
    { noise: 'gaussian', level: 0.5 },
    { noise: 'gaussian', level: 2 },
    { noise: 'gaussian', level: 8 },
  ];
  const params = (b: string) => ({
    seeds: 2,
    hidden: 64,
    // Software WebGPU is far slower: a shorter sweep so the bench finishes.
    epochs: quick || b === 'webgpu' ? 1 : 3,
    teacherEpochs: quick || b === 'webgpu' ? 1 : 3,
    lr: 0.01,
    batchSize: 32,
    trainSize: 1000,
    testSize: 500,
    seed: 1,
    runs,
  });
  const rows = await perBackend(browser, url, backends, 'noisy-self-distillation', params, (frames) => {
    const done = frames.find((f) => f.kind === 'done') as
      { studentsPerSec: number; firstPointMs: number; teacherMs: number; studentMs: number } | undefined;
    if (!done) throw new Error('the sweep sent no done frame');
    return done;
  });
  const lines = ['## Noisy self-distillation sweep (Xiong et al. Fig. 2–3)', ''];
  lines.push(
    `MLP 784–64–10 on 800 training images (80 % of 1000), ${runs.length} noise levels × 2 seeds = ${runs.length * 2} students trained as one batched program (stacked weights), batch 32; ` +
      '3 epochs each for teacher and students (1 on webgpu, a software adapter here). Students/s is the students’ training alone; the first point of Fig. 2 appears after the teacher and the first student epoch.',
    '',
  );
  lines.push(
    '| backend | students/s | teacher (ms) | students (ms) | first Fig. 2 point (ms) |',
    '|---|---|---|---|---|',
  );
  for (const r of rows)
    lines.push(
      r.result
        ? `| ${r.backend} | ${r.result.studentsPerSec.toFixed(2)} | ${r.result.teacherMs.toFixed(0)} | ${r.result.studentMs.toFixed(0)} | ${r.result.firstPointMs.toFixed(0)} |`
        : `| ${r.backend} | — | — | — | ${r.error} |`,
    );
  const ok = rows.filter((r) => r.result);
  if (ok.length > 1) {
    const best = ok.reduce((a, b) => (a.result!.studentsPerSec > b.result!.studentsPerSec ? a : b));
    const worst = ok.reduce((a, b) => (a.result!.studentsPerSec < b.result!.studentsPerSec ? a : b));
    lines.push(
      '',
      `${best.backend} trains ${(best.result!.studentsPerSec / worst.result!.studentsPerSec).toFixed(1)}× as many students a second as ${worst.backend} (same run).`,
    );
  }
  lines.push('');
  return lines;
}

/** Theorem 3's poles: the n·m × n·m eigenproblem in float64, timed in Node with the lab's own code. */
function polesTimes(sizes: number[]): { nm: number; ms: number }[] {
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const m = 20;
  return sizes.map((nm) => {
    const n = nm / m;
    const d = 2 * n;
    const X = Array.from({ length: n }, () => {
      const r = Array.from({ length: d }, rand);
      const norm = Math.hypot(...r);
      return r.map((v) => v / norm);
    });
    const W = Array.from({ length: m }, () => Array.from({ length: d }, () => 0.01 * rand()));
    const a = Array.from({ length: m }, (_, k) => (k % 2 ? 1 : -1));
    const t0 = performance.now();
    kdPoles(X, W, a, 0.01, 'tanh');
    return { nm, ms: performance.now() - t0 };
  });
}

/** Teacher and student GD steps per second per backend (Rahbar et al.), and the poles' cost. */
export async function kernelSection(
  browser: Browser,
  url: string,
  backends: string[],
  quick: boolean,
): Promise<string[]> {
  const params = (b: string) => ({
    ...kdDefaults,
    embed: 'off',
    teacherIterations: quick || b === 'webgpu' ? 200 : 1000,
    studentIterations: quick || b === 'webgpu' ? 200 : 1000,
  });
  const rows = await perBackend(browser, url, backends, 'kernel-distillation', params, (frames) => {
    const last = (kind: string) =>
      frames.filter((f) => f.kind === kind).at(-1) as { stepsPerSecond: number } | undefined;
    return {
      teacher: last('teacher')?.stepsPerSecond ?? NaN,
      students: last('students')?.stepsPerSecond ?? NaN,
    };
  });
  const lines = ['## Distillation in the kernel regime (Rahbar et al.)', ''];
  lines.push(
    `Full-batch GD on the page's default synthetic set (n = ${kdDefaults.n}, d = ${kdDefaults.d}, tanh): the teacher (${kdDefaults.teacherWidth} units) alone, then the seven students (${kdDefaults.studentWidth} units each) as one batched program; ${quick ? 200 : 1000} steps each (200 on webgpu).`,
    '',
  );
  lines.push('| backend | teacher steps/s | student-program steps/s (7 students) |', '|---|---|---|');
  for (const r of rows)
    lines.push(
      r.result
        ? `| ${r.backend} | ${r.result.teacher.toFixed(0)} | ${r.result.students.toFixed(0)} |`
        : `| ${r.backend} | — | ${r.error} |`,
    );
  const poles = polesTimes(quick ? [500, 1000] : [500, 1000, 2000]);
  lines.push(
    '',
    'Theorem 3’s poles (all n·m eigenvalues of H̄, float64, ml-matrix), m = 20, in Node on this CPU; the page computes them up to n·m = 1200:',
    '',
    '| n·m | ms | vs n·m = 500 |',
    '|---|---|---|',
    ...poles.map((p) => `| ${p.nm} | ${p.ms.toFixed(0)} | ${(p.ms / poles[0].ms).toFixed(1)}× |`),
    '',
  );
  return lines;
}
