// A/B of slider latency between builds on one machine and hour: the bench's own measurement
// (measureSliders) on a few sliders of one experiment, more samples than the bench takes, each build
// in turn, `rounds` times.
//   npx tsx tests/tools/sliderAB.mts <experiment id> <key,key,…> <samples> <rounds> <dist> <dist> …
import { experimentsIn } from '../../src/cli/discover';
import { measureSliders } from '../bench/interaction';
import { launch, serveDist } from '../e2e/harness';

const [id, keys, samples = '30', rounds = '2', ...dists] = process.argv.slice(2);
const e = (await experimentsIn('src/experiments')).find((x) => x.id === id);
if (!e) throw new Error(`no experiment ${id}`);
const only = new Set(keys.split(','));
const exp = { ...e, controls: e.controls.filter((c) => only.has(c.key as string)) };
const pct = (v: number[], q: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
for (let r = 0; r < Number(rounds); r++)
  for (const dist of dists) {
    process.env.LAB_DIST = dist;
    const { server, url } = await serveDist();
    const b = await launch();
    const n = Number(samples);
    const rows = await measureSliders(b, url, exp, {
      samples: n,
      runSamples: n,
      burst: 0,
      frameTimeoutMs: 5000,
    });
    for (const row of rows) {
      const c = row.samples.map((s) => s.commitMs);
      const f = row.samples.map((s) => s.firstFrameMs).filter((v): v is number => v !== null);
      console.log(
        `${dist} ${row.key}: figure p50 ${pct(c, 0.5).toFixed(0)} p90 ${pct(c, 0.9).toFixed(0)} p95 ${pct(c, 0.95).toFixed(0)}` +
          (f.length ? ` | first frame p50 ${pct(f, 0.5).toFixed(0)} p95 ${pct(f, 0.95).toFixed(0)}` : '') +
          ` (${c.length})`,
      );
    }
    await b.close();
    await server.close();
  }
