/**
 * Loader of the compact Fashion-MNIST subset shipped in public/data (made by
 * scripts/make-fashion-subset.mjs from Debian's dataset-fashion-mnist, MIT). Nothing is fetched at import
 * time: callers load it lazily, passing how to read bytes (fetch in the browser, fs in Node).
 */

export const pixelsPerImage = 28 * 28;
export const numClasses = 10;
const subsetJsonName = 'fashion-mnist-subset.json';

export interface FashionSubset {
  /** n×784 row-major, pixels scaled to [0, 1] */
  trainX: Float32Array;
  /** labels 0..9 */
  trainY: Int32Array;
  testX: Float32Array;
  testY: Int32Array;
  /** class names, index = label */
  classes: string[];
}

interface Block {
  offset: number;
  shape: number[];
}
interface SplitMeta {
  count: number;
  images: Block;
  labels: Block;
}
interface SubsetMeta {
  file: string;
  bytes: number;
  sha256?: string;
  classes: string[];
  train: SplitMeta;
  test: SplitMeta;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function checkMeta(m: unknown, where: string): SubsetMeta {
  const bad = (what: string): never => {
    throw new Error(`Fashion-MNIST subset: ${where} is malformed (${what})`);
  };
  if (typeof m !== 'object' || m === null) return bad('not an object');
  const o = m as Record<string, unknown>;
  if (typeof o.file !== 'string' || !/^[\w.-]+$/.test(o.file)) bad('file');
  if (!isInt(o.bytes)) bad('bytes');
  if (o.sha256 !== undefined && (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)))
    bad('sha256');
  if (
    !Array.isArray(o.classes) ||
    o.classes.length !== numClasses ||
    !o.classes.every((c) => typeof c === 'string')
  )
    bad('classes');
  for (const split of ['train', 'test'] as const) {
    const s = o[split] as Record<string, unknown> | undefined;
    if (typeof s !== 'object' || s === null || !isInt(s.count) || s.count === 0) bad(`${split}.count`);
    const n = (s as { count: number }).count;
    const img = (s as Record<string, Block | undefined>).images;
    const lab = (s as Record<string, Block | undefined>).labels;
    if (!img || !isInt(img.offset) || JSON.stringify(img.shape) !== JSON.stringify([n, 28, 28]))
      bad(`${split}.images`);
    if (!lab || !isInt(lab.offset) || JSON.stringify(lab.shape) !== JSON.stringify([n]))
      bad(`${split}.labels`);
  }
  return o as unknown as SubsetMeta;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string | null> {
  // crypto.subtle exists in workers and Node ≥ 20, but only in secure contexts in browsers (https or
  // localhost); without it the size and label checks still run.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads the subset's .json, then its .bin, validates them (sizes, offsets, label range, sha256 when
 * crypto.subtle is available) and returns float pixels in [0, 1].
 * @param fetchBytes reads a URL (or, in Node, a path) into bytes; it should throw on a missing file
 * @param baseUrl folder holding the two files, ending in '/' (a URL, or a path in Node)
 */
export async function loadFashionSubset(
  fetchBytes: (url: string) => Promise<ArrayBuffer>,
  baseUrl: string,
): Promise<FashionSubset> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const jsonUrl = base + subsetJsonName;
  let meta: SubsetMeta;
  try {
    meta = checkMeta(JSON.parse(new TextDecoder().decode(await fetchBytes(jsonUrl))), jsonUrl);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(
      msg.startsWith('Fashion-MNIST subset') ? msg : `Fashion-MNIST subset: cannot read ${jsonUrl}: ${msg}`,
      { cause: e },
    );
  }
  const binUrl = base + meta.file;
  let buf: ArrayBuffer;
  try {
    buf = await fetchBytes(binUrl);
  } catch (e) {
    throw new Error(
      `Fashion-MNIST subset: cannot read ${binUrl}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  if (buf.byteLength !== meta.bytes)
    throw new Error(
      `Fashion-MNIST subset: ${binUrl} has ${buf.byteLength} bytes, expected ${meta.bytes} ` +
        `(truncated or stale download? regenerate with scripts/make-fashion-subset.mjs)`,
    );
  if (meta.sha256) {
    const got = await sha256Hex(buf);
    if (got !== null && got !== meta.sha256)
      throw new Error(
        `Fashion-MNIST subset: ${binUrl} is corrupted (sha256 ${got}, expected ${meta.sha256})`,
      );
  }
  const bytes = new Uint8Array(buf);
  const split = (s: SplitMeta, name: string) => {
    const nPix = s.count * pixelsPerImage;
    if (s.images.offset + nPix > bytes.length || s.labels.offset + s.count > bytes.length)
      throw new Error(`Fashion-MNIST subset: ${name} block lies outside ${binUrl}`);
    const x = new Float32Array(nPix);
    for (let i = 0; i < nPix; i++) x[i] = bytes[s.images.offset + i] / 255;
    const y = new Int32Array(s.count);
    for (let i = 0; i < s.count; i++) {
      y[i] = bytes[s.labels.offset + i];
      if (y[i] >= numClasses)
        throw new Error(`Fashion-MNIST subset: ${name} label ${y[i]} at index ${i} out of range 0..9`);
    }
    return { x, y };
  };
  const train = split(meta.train, 'train');
  const test = split(meta.test, 'test');
  return { trainX: train.x, trainY: train.y, testX: test.x, testY: test.y, classes: [...meta.classes] };
}

/** The browser reader: fetch with a clear error on HTTP failures. */
async function fetchArrayBuffer(url: string): Promise<ArrayBuffer> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`HTTP ${r.status} ${r.statusText}`.trim());
  return r.arrayBuffer();
}

/**
 * Where public/data is served, seen from the running code (worker or page), as an absolute URL ending
 * in '/'. Vite copies public/ to the root of the built site; with `base: './'` that root is wherever the
 * site is served from, possibly a sub-path, so no absolute path can be baked in:
 * - build: this module is bundled into a chunk under `assets/` (Vite's default assetsDir, which this
 *   repo keeps), so the site root is `../` from `import.meta.url`, whichever chunk or worker holds it.
 *   (The relative path is a variable so Vite does not try to treat it as an asset reference.)
 * - dev: modules are served from their source paths (/src/...), and public/ at the dev server's base,
 *   which Vite resolves to '/' for a relative base: so `${BASE_URL}data/` on the page's origin.
 */
function defaultDataBaseUrl(): string {
  const env = (import.meta as { env?: { DEV?: boolean; BASE_URL?: string } }).env;
  if (env?.DEV) {
    const baseUrl = env.BASE_URL?.startsWith('/') ? env.BASE_URL : '/';
    return new URL(`${baseUrl}data/`, globalThis.location?.origin ?? import.meta.url).href;
  }
  const rootFromChunk = '../data/';
  return new URL(rootFromChunk, import.meta.url).href;
}

/** The site's subset per data URL, loaded once per thread; read-only for everyone who gets it. */
const siteSubsets = new Map<string, Promise<FashionSubset>>();

/**
 * The subset served with the site (defaultDataBaseUrl), fetched, checked and decoded once per thread:
 * every run of every job shares it. Loading it again on each run (3.9 MB read, its sha256, 3.1 M bytes
 * to floats) was most of a noisy self-distillation restart's first frame. A failed load is forgotten,
 * so the next run tries again.
 */
export function siteFashionSubset(): Promise<FashionSubset> {
  const url = defaultDataBaseUrl();
  let p = siteSubsets.get(url);
  if (!p) {
    p = loadFashionSubset(fetchArrayBuffer, url);
    siteSubsets.set(url, p);
    p.catch(() => siteSubsets.delete(url));
  }
  return p;
}
