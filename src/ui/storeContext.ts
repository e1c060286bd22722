import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../store/labStore';
import type { RunControls } from '../app/runController';

export const StoreContext = createContext<{ store: LabStore; run: RunControls } | null>(null);

export function useLabContext() {
  const c = useContext(StoreContext);
  if (!c) throw new Error('StoreContext missing');
  return c;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabContext().store, selector);
}

/**
 * A selected value that follows the store at most every `ms` (and always settles on the latest value):
 * for readouts such as throughput, which change with every frame but are read by people.
 */
export function useThrottledLab<T>(selector: (s: LabState) => T, ms: number): T {
  const { store } = useLabContext();
  const [value, setValue] = useState(() => selector(store.getState()));
  const latest = useRef(selector);
  useEffect(() => {
    latest.current = selector;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const push = () => {
      timer = undefined;
      last = performance.now();
      setValue(latest.current(store.getState()));
    };
    const unsubscribe = store.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(push, Math.max(0, last + ms - performance.now()));
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, ms]);
  return value;
}
