import { lazy, type ComponentType } from 'react';

/** A lazily loaded component whose failed load can be tried again. */
export type RetryableComponent<P> = ComponentType<P> & { retry(): void };

/**
 * React.lazy keeps a rejected load for good, so a chunk that failed once (offline, a deploy swapped
 * the files) would fail forever: this one makes a fresh lazy component on retry(), which re-imports.
 */
export function retryableLazy<P extends object>(
  load: () => Promise<ComponentType<P>>,
): RetryableComponent<P> {
  const make = () => lazy(() => load().then((c) => ({ default: c })));
  let Lazy = make();
  const Retryable = ((props: P) => <Lazy {...props} />) as RetryableComponent<P>;
  Retryable.retry = () => {
    Lazy = make();
  };
  return Retryable;
}
