/**
 * One long synchronous computation (a dense eigensolve of seconds) run on a worker of its own, so the
 * job's worker keeps hearing its messages while it runs: a new run's start then cancels the old one at
 * once, instead of after the solve (the restarted run's first frame waited for it: up to 1.6 s).
 * A cancelled run's solve is abandoned (its worker terminated); a finished one's worker is kept for the
 * next call. Where this realm has no Worker (Node: the CLI, tests) the computation runs in place.
 */
export interface OffThreadTask<A, R> {
  /** names the task's kept worker */
  readonly name: string;
  /** starts the task's worker: a module that calls serveOffThread(run) */
  readonly spawn: () => Worker;
  /** the computation itself, run in place where no worker can be started */
  readonly run: (args: A) => R;
}

type Reply<R> = { result: R } | { error: string };

/** Workers that finished their last call, one per task, ready for the next. */
const idle = new Map<string, Worker>();
/** How often a call looks at `cancelled` while it waits (ms). */
const pollMs = 10;

/** The task's result, or null when `cancelled()` turned true before it came. */
export function offThread<A, R>(
  task: OffThreadTask<A, R>,
  args: A,
  cancelled: () => boolean,
): Promise<R | null> {
  if (cancelled()) return Promise.resolve(null);
  if (typeof Worker === 'undefined') return Promise.resolve(task.run(args));
  const w = idle.get(task.name) ?? task.spawn();
  idle.delete(task.name);
  return new Promise<R | null>((resolve, reject) => {
    const finish = (keep: boolean) => {
      clearInterval(timer);
      w.onmessage = null;
      w.onerror = null;
      if (keep && !idle.has(task.name)) idle.set(task.name, w);
      else w.terminate();
    };
    const timer = setInterval(() => {
      if (!cancelled()) return;
      finish(false);
      resolve(null);
    }, pollMs);
    w.onmessage = (e: MessageEvent<Reply<R>>) => {
      finish(true);
      if ('error' in e.data) reject(new Error(`${task.name}: ${e.data.error}`));
      else resolve(e.data.result);
    };
    w.onerror = (e) => {
      finish(false);
      reject(new Error(`${task.name}: the worker failed (${e.message})`));
    };
    w.postMessage(args);
  });
}

/** The worker side: answers each message with `run`'s result (or its error's message). */
export function serveOffThread<A, R>(run: (args: A) => R): void {
  const scope = self as unknown as Worker;
  scope.onmessage = (e: MessageEvent<A>) => {
    let reply: Reply<R>;
    try {
      reply = { result: run(e.data) };
    } catch (err) {
      reply = { error: err instanceof Error ? err.message : String(err) };
    }
    scope.postMessage(reply);
  };
}
