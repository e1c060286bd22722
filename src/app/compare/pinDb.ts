/**
 * Pins kept across reloads in IndexedDB (raw API: one object store, one record per experiment, so no
 * library is needed). Every call degrades to "no pins" where IndexedDB is missing or refuses
 * (private windows, a blocked origin): pinning still works for the session.
 */
import type { Pin } from './pins';

const DB = 'distillation-lab';
const STORE = 'pins';

export interface PinStorage {
  /** every experiment's pins */
  loadAll(): Promise<Record<string, Pin[]>>;
  /** replaces an experiment's pins (an empty list deletes the record) */
  save(experimentId: string, pins: Pin[]): Promise<void>;
}

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE);
  return request(r);
}

export function indexedDbPins(): PinStorage {
  let db: Promise<IDBDatabase> | null = null;
  const get = () => (db ??= open());
  return {
    async loadAll() {
      if (typeof indexedDB === 'undefined') return {};
      try {
        const store = (await get()).transaction(STORE, 'readonly').objectStore(STORE);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        return Object.fromEntries(keys.map((k, i) => [String(k), values[i] as Pin[]]));
      } catch (err) {
        console.warn('pins: IndexedDB could not be read; pins last for this session only', err);
        return {};
      }
    },
    async save(experimentId, pins) {
      if (typeof indexedDB === 'undefined') return;
      try {
        const tx = (await get()).transaction(STORE, 'readwrite');
        const store = tx.objectStore(STORE);
        if (pins.length) store.put(pins, experimentId);
        else store.delete(experimentId);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        });
      } catch (err) {
        console.warn('pins: IndexedDB could not be written; pins last for this session only', err);
      }
    },
  };
}
