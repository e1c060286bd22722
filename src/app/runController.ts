import { EngineClient } from '../engine/client';
import type { AnyExperiment } from '../experiments/types';
import type { LabStore } from '../store/labStore';

/**
 * Glue between the store and the engine: a new runKey starts a run (cancelling the one in flight),
 * frames are buffered and folded into the store once per animation frame, and the URL hash follows
 * the state so a copied link reproduces the figure.
 */
export function connectEngine(store: LabStore, registry: AnyExperiment[], makeWorker: () => Worker) {
  const byId = Object.fromEntries(registry.map((e) => [e.id, e]));
  let ready = false;
  let pending: unknown[] = [];
  let rafId = 0;
  const flush = () => {
    rafId = 0;
    const frames = pending;
    pending = [];
    store.getState().applyFrames(frames);
    if (frames.length && store.getState().status === 'starting') store.getState().setStatus('running');
  };
  const client = new EngineClient(makeWorker, {
    onReady: (report) => {
      ready = true;
      store.getState().setBackendReport(report);
      start();
    },
    onFrame: (_run, frame) => {
      pending.push(frame);
      if (!rafId) rafId = requestAnimationFrame(flush);
    },
    onDone: () => {
      if (rafId) cancelAnimationFrame(rafId);
      flush();
      store.getState().setStatus('done');
    },
    onError: (_run, message) => store.getState().setStatus('error', message),
  });

  function start() {
    const s = store.getState();
    pending = [];
    const spec = byId[s.experimentId].jobFor(s.params);
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

  // URL: replaceState is throttled by browsers, so debounce it.
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((s, prev) => {
    if (s.params === prev.params && s.backend === prev.backend && s.experimentId === prev.experimentId)
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
  };
}

export type RunControls = ReturnType<typeof connectEngine>;
