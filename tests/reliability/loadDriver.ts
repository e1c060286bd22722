import type { CDPSession, Page } from 'playwright-core';

/**
 * The load test's driver, shared by `npm test` (a few seconds per experiment) and `npm run soak`
 * (minutes): it moves the page's own range inputs from inside the page, `rate` times a second, as a
 * hand dragging them would (native value setter + input event, the path React listens to), then puts
 * every slider back where it was and measures whether anything piled up.
 */
export interface LoadReport {
  experiment: string;
  changes: number;
  seconds: number;
  /** used JS heap after a forced GC, MB: before the load and after it */
  heapStartMb: number;
  heapEndMb: number;
  /** tf.memory().numTensors in the page's engine worker, with its run cancelled: before and after */
  tensorsStart: number;
  tensorsEnd: number;
  /** ms from the last change until the engine answered a message (a backlog shows here) */
  settleMs: number;
  /** what went wrong with one more change after the load, or null when it took effect */
  lastChange: string | null;
  /** the final run reached running or done */
  finalState: string;
  /** after the load, the panel's last drawn params equal the store's: the last value won, none queued behind it */
  panelShowsLast: boolean;
}

interface Hooks {
  __labCommits: { params: Record<string, unknown> }[];
  __labStore: {
    getState(): { params: Record<string, unknown>; status: string; runKey: number };
  };
  __labEngine: { memory(): Promise<{ numTensors: number; numBytes: number }> };
}

async function heapMb(page: Page, cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  void page;
  return usedSize / 2 ** 20;
}

/** Cancels the run in flight (the status line's button) and reads the worker's tensor count. */
async function tensorsAtRest(page: Page): Promise<number> {
  const cancel = page.getByRole('button', { name: 'cancel' });
  if (await cancel.isEnabled()) await cancel.click();
  // Let the cancelled generator reach its finally blocks.
  await page.waitForTimeout(500);
  return page.evaluate(async () => (await (window as unknown as Hooks).__labEngine.memory()).numTensors);
}

export async function loadExperiment(
  page: Page,
  experiment: string,
  seconds: number,
  rate = 100,
): Promise<LoadReport> {
  const cdp = await page.context().newCDPSession(page);
  await page.waitForSelector('[data-testid=run-state]:not([data-state=starting])', { timeout: 120_000 });
  const tensorsStart = await tensorsAtRest(page);
  const heapStartMb = await heapMb(page, cdp);

  const changes = await page.evaluate(
    ({ seconds, rate }) =>
      new Promise<number>((resolve) => {
        const sliders = [...document.querySelectorAll<HTMLInputElement>('input[type=range]:not(:disabled)')];
        const home = sliders.map((s) => Number(s.value));
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const move = (s: HTMLInputElement, v: number) => {
          setter.call(s, String(v));
          s.dispatchEvent(new Event('input', { bubbles: true }));
        };
        // A seeded walk around each slider's start (±15 % of the track): busy, but not the extremes,
        // which have their own test.
        let x = 12345;
        const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
        let n = 0;
        const t0 = performance.now();
        const timer = setInterval(() => {
          if (performance.now() - t0 >= seconds * 1000 || sliders.length === 0) {
            clearInterval(timer);
            resolve(n);
            return;
          }
          const i = n % sliders.length;
          const v = Math.round(Math.min(Math.max(home[i] + rand() * 150, 0), 1000));
          move(sliders[i], v);
          n++;
        }, 1000 / rate);
      }),
    { seconds, rate },
  );
  const t1 = Date.now();
  // A backlog of runs or frames would delay this answer: the worker serves it between frames.
  await page.evaluate(async () => (window as unknown as Hooks).__labEngine.memory());
  const settleMs = Date.now() - t1;
  await page.waitForSelector('[data-testid=run-state]:not([data-state=starting])', { timeout: 120_000 });
  const finalState = (await page.getAttribute('[data-testid=run-state]', 'data-state')) ?? '';
  // The figure drawn last shows the last value (a stale one drawn after it would be a queue).
  await page.waitForTimeout(300);
  const panelShowsLast = await page.evaluate(() => {
    const w = window as unknown as Hooks;
    const drawn = w.__labCommits[w.__labCommits.length - 1]?.params;
    return JSON.stringify(drawn) === JSON.stringify(w.__labStore.getState().params);
  });
  // The last change wins: one more step by keyboard (a trusted event, as a user's) must reach the
  // store and start a run whose own frames arrive (frames of superseded runs are dropped).
  const last = await lastChange(page);
  const tensorsEnd = await tensorsAtRest(page);
  const heapEndMb = await heapMb(page, cdp);
  await cdp.detach();
  return {
    experiment,
    changes,
    seconds,
    heapStartMb,
    heapEndMb,
    tensorsStart,
    tensorsEnd,
    settleMs,
    lastChange: last,
    finalState,
    panelShowsLast,
  };
}

/** Flat: the heap may grow by 25 % + 8 MB (JIT, caches of bounded size), the tensors not at all. */
export function loadFailures(r: LoadReport): string[] {
  const f: string[] = [];
  if (r.heapEndMb > r.heapStartMb * 1.25 + 8)
    f.push(`heap grew from ${r.heapStartMb.toFixed(1)} to ${r.heapEndMb.toFixed(1)} MB`);
  if (r.tensorsEnd > r.tensorsStart) f.push(`tensors grew from ${r.tensorsStart} to ${r.tensorsEnd}`);
  if (r.settleMs > 5000) f.push(`the engine answered ${r.settleMs} ms after the last change`);
  if (r.lastChange) f.push(`a change after the load: ${r.lastChange}`);
  if (!r.panelShowsLast) f.push('after the load the panel does not show the last value');
  if (!['running', 'done', 'idle'].includes(r.finalState)) f.push(`final run state: ${r.finalState}`);
  return f;
}

async function lastChange(page: Page): Promise<string | null> {
  const slider = page.locator('input[type=range]:not(:disabled)').first();
  if ((await slider.count()) === 0) return null;
  const key = ((await slider.getAttribute('id')) ?? '').replace(/^ctl-/, '');
  const read = () =>
    page.evaluate((k) => {
      const s = (window as unknown as Hooks).__labStore.getState();
      return { value: s.params[k], runKey: s.runKey };
    }, key);
  const before = await read();
  const pos = Number(await slider.inputValue());
  await slider.focus();
  // A tenth of the track: one arrow step can round to the same three-digit value on a log scale.
  await page.keyboard.press(pos >= 500 ? 'PageDown' : 'PageUp');
  const after = await read();
  if (after.value === before.value) return `${key} stayed ${JSON.stringify(before.value)}`;
  // A view-only control (the page redraws from it, no run) is done once the store has it.
  if (after.runKey === before.runKey) return null;
  try {
    await page.waitForSelector('[data-testid=run-state]:not([data-state=starting])', { timeout: 60_000 });
  } catch {
    return `no frame of the run for ${key} = ${JSON.stringify(after.value)} within 60 s`;
  }
  return null;
}
