import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { siteFashionSubset } from './fashionMnist';

const files: Record<string, Buffer> = Object.fromEntries(
  ['fashion-mnist-subset.json', 'fashion-mnist-subset.bin'].map((f) => [f, readFileSync(`public/data/${f}`)]),
);

describe('the site’s Fashion-MNIST subset in a thread', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is fetched and decoded once for every run; a failed load is tried again on the next', async () => {
    const fetched: string[] = [];
    let down = true;
    vi.stubGlobal('fetch', async (url: string | URL) => {
      const name = String(url).split('/').pop() ?? '';
      fetched.push(name);
      if (down) return new Response(null, { status: 503, statusText: 'Service Unavailable' });
      return new Response(new Uint8Array(files[name]));
    });
    await expect(siteFashionSubset()).rejects.toThrow(/503 Service Unavailable/);
    down = false;
    const [a, b] = await Promise.all([siteFashionSubset(), siteFashionSubset()]);
    const c = await siteFashionSubset();
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a.trainY.length).toBeGreaterThan(1000);
    // the failed try read the index only; then one load: the index and the images, never again
    expect(fetched).toEqual([
      'fashion-mnist-subset.json',
      'fashion-mnist-subset.json',
      'fashion-mnist-subset.bin',
    ]);
  });
});
