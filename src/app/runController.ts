import { EngineClient, type EngineHandlers } from '../engine/client';
import type { AnyExperiment } from '../experiments/types';
import { sameParams, type LabStore } from '../store/labStore';
import { recordFirstFigure } from './firstFigureTimes';

/**
 * Glue between the store and the engine: a new runKey starts a run (cancelling the one in flight),
 * frames are buffered and folded into the store once per animation frame, and the URL hash follows
 * the state so a copied link reproduces the figure.
 */
export function connectEngine(store: LabStore, registry: AnyExperiment[], makeWorker: () => Worker) {
  const byId = Object.fromEntries(registry.map((e) => [e.id, e]));
  let ready = false;
  /** the runKey whose run was last started: a fresh engine starts only a run not yet started */
  let startedKey = -1;
  let pending: unknown[] = [];
  let flushScheduled = false;
  /** set after a crash: what to say once the fresh engine is ready */
  let recovering: string | null = null;
  const fatalTimes: number[] = [];

  /** a run at its experiment's defaults: when it started, until its first frames are on screen */
  let timing: { id: string; t0: number } | null = null;
  const flush = () => {
    flushScheduled = false;
    const frames = pending;
    pending = [];
    store.getState().applyFrames(frames);
    if (timing && frames.length) {
      recordFirstFigure(timing.id, performance.now() - timing.t0);
      timing = null;
    }
    if (frames.length && store.getState().status === 'starting') store.getState().setStatus('running');
  };
  // A hidden tab gets no animation frames: fold frames on a slow timer instead, so they neither pile
  // up unbounded nor arrive all at once when the tab is shown again.
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    if (document.hidden) setTimeout(flush, 250);
    else requestAnimationFrame(flush);
  };

  const handlers: EngineHandlers = {
    onReady: (report) => {
      ready = true;
      store.getState().setBackendReport(report);
      if (recovering) {
        const rerun = store.getState().runKey !== startedKey;
        store
          .getState()
          .addEngineNotice(
            `${recovering}. A fresh engine started on ${report.active}` +
              (rerun
                ? '; the run restarted from the beginning (the figure keeps its last frames until new ones arrive).'
                : '; the finished results are kept.'),
          );
        recovering = null;
      }
      if (store.getState().runKey !== startedKey) start();
    },
    onJobBackend: (report) => store.getState().setJobBackend(report),
    onFrame: (_run, frame) => {
      pending.push(frame);
      scheduleFlush();
    },
    onDone: () => {
      flush();
      store.getState().setStatus('done');
    },
    onError: (_run, message) => store.getState().setStatus('error', message),
    onFatal: (kind, message) => {
      client.terminate();
      ready = false;
      pending = [];
      const now = performance.now();
      fatalTimes.push(now);
      while (fatalTimes.length && fatalTimes[0] < now - 60_000) fatalTimes.shift();
      const what =
        kind === 'device-lost'
          ? `The GPU device was lost (${message})`
          : `The engine worker crashed (${message})`;
      const s = store.getState();
      if (fatalTimes.length > 3) {
        s.addEngineNotice(`${what}, the fourth time in a minute: the engine is stopped. Reload the page.`);
        s.setStatus('error', 'the engine keeps failing: reload the page');
        return;
      }
      recovering = what;
      // A run that failed just before (its GPU calls fail once the device is gone) is rerun too.
      if (s.status !== 'done' && s.status !== 'idle') {
        s.rerun();
        s.setStatus('starting', 'restarting the engine');
      }
      client = new EngineClient(makeWorker, handlers);
      client.init(s.backend);
    },
  };
  let client = new EngineClient(makeWorker, handlers);

  function start() {
    const s = store.getState();
    pending = [];
    startedKey = s.runKey;
    s.setJobBackend(null);
    if (s.landing) {
      client.cancel();
      s.setStatus('idle');
      return;
    }
    const def = byId[s.experimentId];
    const spec = def.jobFor(s.params);
    timing = spec && sameParams(s.params, def.defaults) ? { id: def.id, t0: performance.now() } : null;
    if (!spec) {
      client.cancel();
      s.setStatus('idle', 'exact theory only: nothing to run');
      return;
    }
    client.start(spec.job.id, spec.params);
    s.setStatus('starting');
  }

  client.init(store.getState().backend);
  store.subscribe((s, prev) => {
    if (s.backend !== prev.backend) {
      ready = false;
      client.init(s.backend);
    } else if (s.runKey !== prev.runKey && ready) start();
  });
  document.addEventListener('visibilitychange', () => {
    if (pending.length) scheduleFlush();
  });

  // URL: replaceState is throttled by browsers, so debounce it.
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s, prev) => {
    if (
      s.params === prev.params &&
      s.backend === prev.backend &&
      s.experimentId === prev.experimentId &&
      s.landing === prev.landing &&
      s.present === prev.present &&
      s.hidden === prev.hidden &&
      s.tour === prev.tour
    )
      return;
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const h = store.getState().hash();
      if (location.hash !== h) history.replaceState(null, '', h);
    }, 200);
  });
  window.addEventListener('hashchange', () => {
    if (location.hash !== store.getState().hash()) store.getState().loadHash(location.hash);
  });

  return {
    pause: () => {
      client.pause();
      store.getState().setStatus('paused');
    },
    resume: () => {
      client.resume();
      store.getState().setStatus('running');
    },
    step: () => {
      client.step();
      store.getState().setStatus('paused');
    },
    reset: () => store.getState().restart(),
    cancel: () => {
      client.cancel();
      store.getState().setStatus('idle', 'cancelled');
    },
    /** for the reliability suite (installed on window only in test builds) */
    engine: {
      memory: () => client.memory(),
      injectFault: (kind: 'crash' | 'lose-device') => client.injectFault(kind),
    },
  };
}

export type RunControls = ReturnType<typeof connectEngine>;
