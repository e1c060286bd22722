// The baseline: the 10^6-iteration label-noise SGD loop as one would write it plainly in Node
// (arrays of arrays, Math.random, a Set for distinct indices). Prints ms for the loop.
const N = 100,
  B = 5,
  eta = 0.01,
  iters = Number(process.argv[2] ?? 1e6);
const X = Array.from({ length: N }, () => [Math.random() * 4.5 - 2.25, Math.random() * 4.5 - 2.25]);
const y = X.map((x) => x[0] + x[1] + 0.5 * (Math.random() - 0.5));
function run() {
  let beta = [0, 0];
  const t0 = performance.now();
  for (let k = 0; k < iters; k++) {
    const batch = new Set();
    while (batch.size < B) batch.add(Math.floor(Math.random() * N));
    const g = [0, 0];
    for (const i of batch) {
      const r = X[i][0] * beta[0] + X[i][1] * beta[1] - y[i];
      g[0] += X[i][0] * r;
      g[1] += X[i][1] * r;
    }
    beta = [beta[0] - (eta / B) * g[0], beta[1] - (eta / B) * g[1]];
  }
  return performance.now() - t0;
}
run();
console.log(JSON.stringify({ ms: Math.min(run(), run(), run()) }));
