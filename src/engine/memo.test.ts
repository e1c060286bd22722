import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createJobMemo } from './memo';

describe('the job memo', () => {
  it('keeps at most maxEntries per cache (the key up to its first ":"), least recently used out first', () => {
    const memo = createJobMemo();
    for (const k of ['a', 'b', 'c']) memo.set(`one:${k}`, k, { maxEntries: 2 });
    expect(memo.get('one:a')).toBeUndefined();
    expect(memo.get('one:b')).toBe('b');
    expect(memo.get('one:c')).toBe('c');
    // a hit is a use: b is now the least recently used of the cache
    expect(memo.get('one:b')).toBe('b');
    memo.set('one:d', 'd', { maxEntries: 2 });
    expect(memo.get('one:c')).toBeUndefined();
    expect([memo.get('one:b'), memo.get('one:d')]).toEqual(['b', 'd']);
    // other caches neither count against it nor lose entries to it
    memo.set('two:x', 1, { maxEntries: 1 });
    memo.set('plain', 2);
    for (const k of ['e', 'f', 'g']) memo.set(`one:${k}`, k, { maxEntries: 2 });
    expect(memo.get('two:x')).toBe(1);
    expect(memo.get('plain')).toBe(2);
    expect(memo.size).toBe(4);
  });

  it('disposes a value when it is evicted, replaced or cleared, and not when it is kept or set again', () => {
    const disposed: string[] = [];
    const dispose = (v: string) => disposed.push(v);
    const memo = createJobMemo();
    memo.set('c:1', 'v1', { maxEntries: 2, dispose });
    memo.set('c:2', 'v2', { maxEntries: 2, dispose });
    memo.set('c:2', 'v2', { maxEntries: 2, dispose });
    expect(disposed).toEqual([]);
    memo.set('c:3', 'v3', { maxEntries: 2, dispose });
    expect(disposed).toEqual(['v1']);
    memo.set('c:2', 'v2b', { maxEntries: 2, dispose });
    expect(disposed).toEqual(['v1', 'v2']);
    memo.clear();
    expect(disposed.sort()).toEqual(['v1', 'v2', 'v2b', 'v3']);
    expect(memo.size).toBe(0);
  });

  it('frees evicted tensors', async () => {
    const memo = createJobMemo();
    const before = tf.memory().numTensors;
    const opts = { maxEntries: 3, dispose: (t: tf.Tensor) => t.dispose() };
    for (let i = 0; i < 10; i++) await memo(`t:${i}`, () => tf.fill([4], i), opts);
    expect(tf.memory().numTensors).toBe(before + 3);
    expect(await memo.get<tf.Tensor>('t:9')!.data()).toEqual(new Float32Array([9, 9, 9, 9]));
    memo.clear();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('memo(key, make) makes once, shares a make in flight, and keeps nothing from a make that throws', async () => {
    const memo = createJobMemo();
    let makes = 0;
    const make = async () => {
      makes++;
      await new Promise((r) => setTimeout(r, 5));
      return { n: makes };
    };
    const [a, b] = await Promise.all([memo('m:k', make), memo('m:k', make)]);
    expect(makes).toBe(1);
    expect(b).toBe(a);
    expect(await memo('m:k', make)).toBe(a);
    expect(makes).toBe(1);
    await expect(
      memo('m:bad', () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(memo.get('m:bad')).toBeUndefined();
    expect(await memo('m:bad', () => 'fine')).toBe('fine');
  });
});
