import { useContext, useSyncExternalStore } from 'react';
import { StoreContext } from './storeContext';

const never = () => () => {};

/**
 * Whether the experiment's run is streaming frames now: a schematic animates its arrows while it is.
 * Outside the lab's store (a unit test rendering a schematic alone) it is false.
 */
export function useRunStreaming(): boolean {
  const c = useContext(StoreContext);
  const store = c?.store;
  return useSyncExternalStore(
    store ? store.subscribe : never,
    () => (store ? store.getState().status === 'running' : false),
    () => false,
  );
}
