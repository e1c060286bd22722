/**
 * The job-scoped cache (JobContext.memo): what a job keeps between runs so that moving one slider redoes
 * only the work that slider feeds (an eigensolve, a trained teacher, finished frames).
 *
 * - Keys are `<cache>:<rest>`: the part before the first ':' names the cache an entry belongs to (a
 *   key without ':' is a cache of its own). Each cache keeps at most `maxEntries` entries (default 4):
 *   storing one more evicts that cache's least recently used entries (a hit counts as a use).
 * - `dispose` (given with the value) is called on a value when it leaves the memo: evicted, replaced
 *   under its key, or cleared. Values holding tensors must pass it.
 * - `memo(key, make)` returns the kept value or makes, keeps and returns it; a make that throws keeps
 *   nothing, and callers asking for a key whose make is still running share that one make. A job that
 *   yields frames while it computes (and must not keep a cancelled, partial result) uses `get` and
 *   `set` instead.
 * - Lifetime: the engine host makes one per worker and clears it when the backend is initialised again,
 *   so a second run with the same data in the same page session reuses it; Node callers (CLI, tests)
 *   make their own with createJobMemo().
 * Values must not be `undefined` (get's "not kept").
 */

interface MemoOptions<T> {
  /** the most entries this key's cache keeps (default 4) */
  maxEntries?: number;
  /** frees a value that leaves the memo (tensors!) */
  dispose?: (value: T) => void;
}

export interface JobMemo {
  /** the value kept under `key`, else `make()`'s, kept */
  <T>(key: string, make: () => T | Promise<T>, options?: MemoOptions<T>): Promise<T>;
  /** the value kept under `key`, or undefined; marks it most recently used */
  get<T>(key: string): T | undefined;
  /** keeps `value` under `key`, then trims the key's cache to `maxEntries` */
  set<T>(key: string, value: T, options?: MemoOptions<T>): void;
  /** drops (and disposes) every entry */
  clear(): void;
  /** the number of entries kept, over all caches */
  readonly size: number;
}

const defaultMaxEntries = 4;

interface Entry {
  value: unknown;
  dispose?: (value: never) => void;
}

const cacheOf = (key: string) => {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(0, i);
};

export function createJobMemo(): JobMemo {
  // A Map iterates in insertion order: re-inserting on every use keeps it least recently used first.
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<unknown>>();

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    e.dispose?.(e.value as never);
  };

  const get = <T>(key: string): T | undefined => {
    const e = entries.get(key);
    if (!e) return undefined;
    entries.delete(key);
    entries.set(key, e);
    return e.value as T;
  };

  const set = <T>(key: string, value: T, options: MemoOptions<T> = {}) => {
    if (entries.get(key)?.value !== value) drop(key);
    entries.delete(key);
    entries.set(key, { value, dispose: options.dispose as Entry['dispose'] });
    const cache = cacheOf(key);
    const keys = [...entries.keys()].filter((k) => cacheOf(k) === cache);
    const max = Math.max(1, options.maxEntries ?? defaultMaxEntries);
    for (const k of keys.slice(0, Math.max(0, keys.length - max))) drop(k);
  };

  const memo = (<T>(key: string, make: () => T | Promise<T>, options?: MemoOptions<T>): Promise<T> => {
    const kept = get<T>(key);
    if (kept !== undefined) return Promise.resolve(kept);
    const running = pending.get(key) as Promise<T> | undefined;
    if (running) return running;
    // make runs from a microtask, so the pending entry is in place even when it throws at once.
    const made = Promise.resolve()
      .then(make)
      .then((value) => {
        set(key, value, options);
        return value;
      })
      .finally(() => pending.delete(key));
    pending.set(key, made);
    return made;
  }) as JobMemo;

  return Object.defineProperties(memo, {
    get: { value: get },
    set: { value: set },
    clear: {
      value: () => {
        for (const k of [...entries.keys()]) drop(k);
      },
    },
    size: { get: () => entries.size },
  });
}
