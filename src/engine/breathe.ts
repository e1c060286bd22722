/**
 * Lets the worker's queued messages run from inside a hot loop. A training loop whose awaits all resolve
 * as microtasks (tfjs-wasm's data() does) keeps its worker deaf: a new run's start, which cancels this
 * one, waited for the loop's next frame — up to 100 ms at the page defaults, and seconds in a phase
 * without frames — and showed as the restarted run's late first frame. Loops await this once per step;
 * every `ms` it takes a macrotask turn (a MessageChannel round trip: setTimeout would clamp to 1–4 ms).
 */
let last = 0;

export function breathe(ms = 10): Promise<void> | undefined {
  const now = performance.now();
  if (now - last < ms) return undefined;
  return new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      last = performance.now();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
