#!/usr/bin/env node
// Builds the compact Fashion-MNIST subset shipped with the app (public/data/fashion-mnist-subset.{bin,json}).
//
//   apt-get install dataset-fashion-mnist          # Debian's package, MIT (Expat) licence
//   node scripts/make-fashion-subset.mjs [idx-dir] # default idx-dir: /usr/share/datasets/fashion-mnist
//
// Plain Node, no dependencies. The subset is class balanced and seeded (deterministic: same input, same
// bytes). Samples are ordered in blocks of ten holding one sample of each class, in a seeded order within
// the block, so every prefix whose length is a multiple of 10 is exactly class balanced: the app takes
// prefixes (trainSize ≤ 4000, testSize ≤ 1000).
//
// .bin layout (no header, all uint8): train images (nTrain·28·28, row-major), train labels (nTrain),
// test images (nTest·28·28), test labels (nTest). Offsets and a sha256 are in the .json.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const defaultDir = '/usr/share/datasets/fashion-mnist';
const packageName = 'dataset-fashion-mnist';
const perClassTrain = 400;
const perClassTest = 100;
const seed = 20200523;
const classes = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'public', 'data');
const srcDir = resolve(process.argv[2] ?? defaultDir);

function fail(msg) {
  console.error(`make-fashion-subset: ${msg}`);
  process.exit(1);
}

/** Reads an idx file, gzipped or not (tries NAME, then NAME.gz). */
function readIdx(base) {
  for (const [file, gz] of [
    [join(srcDir, base), false],
    [join(srcDir, `${base}.gz`), true],
  ]) {
    if (!existsSync(file)) continue;
    const raw = readFileSync(file);
    const buf = gz ? gunzipSync(raw) : raw;
    const magic = buf.readUInt32BE(0);
    if (magic >>> 8 !== 0x08) fail(`${file}: not an unsigned-byte idx file (magic 0x${magic.toString(16)})`);
    const rank = magic & 0xff;
    const dims = Array.from({ length: rank }, (_, i) => buf.readUInt32BE(4 + 4 * i));
    const start = 4 + 4 * rank;
    const size = dims.reduce((a, b) => a * b, 1);
    if (buf.length !== start + size) fail(`${file}: expected ${start + size} bytes, found ${buf.length}`);
    return { dims, data: buf.subarray(start), file };
  }
  fail(
    `missing ${base}(.gz) in ${srcDir}.\n  Install it with: apt-get install ${packageName}\n` +
      `  or pass the folder holding the idx files: node scripts/make-fashion-subset.mjs DIR`,
  );
}

/** mulberry32: a small seeded PRNG, enough for shuffling. */
function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(arr, rand) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

/** Picks `perClass` seeded samples of each class, interleaved in blocks of one sample per class. */
function balancedSubset(images, labels, perClass, rand) {
  const [n, h, w] = images.dims;
  if (labels.dims[0] !== n) fail(`${images.file} and ${labels.file} disagree on the count`);
  const byClass = classes.map(() => []);
  for (let i = 0; i < n; i++) {
    const y = labels.data[i];
    if (y >= classes.length) fail(`${labels.file}: label ${y} out of range`);
    byClass[y].push(i);
  }
  const picked = byClass.map((idx, c) => {
    if (idx.length < perClass) fail(`class ${c} has only ${idx.length} samples`);
    return shuffle(idx, rand).slice(0, perClass);
  });
  const order = [];
  for (let k = 0; k < perClass; k++) {
    for (const c of shuffle([...classes.keys()], rand)) order.push(picked[c][k]);
  }
  const px = h * w;
  const x = new Uint8Array(order.length * px);
  const y = new Uint8Array(order.length);
  order.forEach((src, dst) => {
    x.set(images.data.subarray(src * px, (src + 1) * px), dst * px);
    y[dst] = labels.data[src];
  });
  return { x, y, h, w, n: order.length };
}

function packageVersion() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', packageName], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (dpkg-query unavailable)';
  }
}

const trainImages = readIdx('train-images-idx3-ubyte');
const trainLabels = readIdx('train-labels-idx1-ubyte');
const testImages = readIdx('t10k-images-idx3-ubyte');
const testLabels = readIdx('t10k-labels-idx1-ubyte');
const rand = rng(seed);
const train = balancedSubset(trainImages, trainLabels, perClassTrain, rand);
const test = balancedSubset(testImages, testLabels, perClassTest, rand);
if (train.h !== 28 || train.w !== 28 || test.h !== 28 || test.w !== 28) fail('expected 28×28 images');

const parts = [train.x, train.y, test.x, test.y];
const bin = Buffer.concat(parts);
const offsets = [];
let at = 0;
for (const p of parts) {
  offsets.push(at);
  at += p.length;
}
const meta = {
  name: 'fashion-mnist-subset',
  description:
    'Class-balanced seeded subset of Fashion-MNIST, 28×28 uint8 pixels, labels 0..9. ' +
    'Ordered in blocks of 10 holding one sample per class, so prefixes of multiples of 10 are balanced.',
  file: 'fashion-mnist-subset.bin',
  bytes: bin.length,
  sha256: createHash('sha256').update(bin).digest('hex'),
  dtype: 'uint8',
  imageShape: [28, 28],
  train: {
    count: train.n,
    perClass: perClassTrain,
    images: { offset: offsets[0], shape: [train.n, 28, 28] },
    labels: { offset: offsets[1], shape: [train.n] },
  },
  test: {
    count: test.n,
    perClass: perClassTest,
    images: { offset: offsets[2], shape: [test.n, 28, 28] },
    labels: { offset: offsets[3], shape: [test.n] },
  },
  classes,
  seed,
  source: {
    package: packageName,
    version: packageVersion(),
    files: [trainImages, trainLabels, testImages, testLabels].map((f) => f.file),
    upstream: 'https://github.com/zalandoresearch/fashion-mnist',
    copyright: '2017, Zalando SE',
  },
  license: 'MIT (Expat)',
  command: `node scripts/make-fashion-subset.mjs${process.argv[2] ? ` ${process.argv[2]}` : ''}`,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, meta.file), bin);
writeFileSync(join(outDir, 'fashion-mnist-subset.json'), `${JSON.stringify(meta, null, 2)}\n`);
console.log(`wrote ${join(outDir, meta.file)} (${bin.length} bytes, sha256 ${meta.sha256})`);
