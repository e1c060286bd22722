// A/B of cold and warm load between builds on one machine and hour (the bench's measureLoad).
//   npx tsx tests/tools/loadAB.mts <experiment id,…> <rounds> <dist> <dist> …
import { experimentsIn } from '../../src/cli/discover';
import { measureLoad } from '../bench/interaction';
import { launch, serveDist } from '../e2e/harness';

const [ids, rounds = '2', ...dists] = process.argv.slice(2);
const all = await experimentsIn('src/experiments');
const exps = ids.split(',').map((id) => {
  const e = all.find((x) => x.id === id);
  if (!e) throw new Error(`no experiment ${id}`);
  return e;
});
for (let r = 0; r < Number(rounds); r++)
  for (const dist of dists) {
    process.env.LAB_DIST = dist;
    const { server, url } = await serveDist();
    const b = await launch();
    for (const e of exps) {
      const row = await measureLoad(b, url, e);
      console.log(`${dist} ${e.id}: cold ${row.coldMs} warm ${row.warmMs}`);
    }
    await b.close();
    await server.close();
  }
