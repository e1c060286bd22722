import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../store/labStore';
import type { RunControls } from './runController';

export const StoreContext = createContext<{ store: LabStore; run: RunControls } | null>(null);

export function useLabContext() {
  const c = useContext(StoreContext);
  if (!c) throw new Error('StoreContext missing');
  return c;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabContext().store, selector);
}
