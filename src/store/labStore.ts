import { createStore } from 'zustand/vanilla';
import type { BackendChoice, BackendReport, JobBackendReport } from '../engine/protocol';
import type { AnyExperiment } from '../experiments/types';
import { encodeHash, parseHash } from './urlState';

type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'error';

export interface LabState {
  /** the landing view (`#/`): the experiments as cards, no run */
  landing: boolean;
  experimentId: string;
  /** presentation mode: the id of the figure that fills the screen */
  present: string | null;
  /** controls (keys), figures (ids) and regions (urlState's hideRegions) left out of the view */
  hidden: string[];
  /** the guided tour's current step (0-based), or null outside the tour */
  tour: number | null;
  params: Record<string, unknown>;
  backend: BackendChoice;
  backendReport: BackendReport | null;
  /** the running job's own backend, when its probe chose one (null: the worker's default) */
  jobBackend: JobBackendReport | null;
  status: RunStatus;
  statusMessage: string | null;
  /** messages about a rejected link, shown until dismissed */
  notices: string[];
  /** what happened to the engine (a crash, a lost GPU, a fallback), shown until dismissed */
  engineNotices: string[];
  /** the results on screen belong to an interrupted run: replace them at the next run's first frame */
  resultsStale: boolean;
  /** the last rejected control input per key */
  paramErrors: Record<string, string>;
  results: unknown;
  /** bumps whenever results change (they are mutated in place for speed) */
  version: number;
  /** bumps whenever a new run must start (params, seed, experiment, backend or reset) */
  runKey: number;
  setParam(key: string, value: unknown): boolean;
  applyPreset(id: string): void;
  setExperiment(id: string): void;
  showLanding(): void;
  /** enter presentation mode on a figure of the current experiment, or leave it (null) */
  setPresent(figureId: string | null): void;
  setHidden(names: string[]): void;
  /** go to step i of the experiment's tour: set its params (restarting only if they change) and focus its figure */
  setTourStep(i: number): void;
  endTour(): void;
  setBackend(b: BackendChoice): void;
  loadHash(hash: string): void;
  hash(): string;
  dismissNotices(): void;
  addEngineNotice(message: string): void;
  dismissEngineNotices(): void;
  restart(): void;
  /** starts the same run again, keeping what is on screen until the new run's first frame */
  rerun(): void;
  setBackendReport(r: BackendReport): void;
  setJobBackend(r: JobBackendReport | null): void;
  setStatus(s: RunStatus, message?: string | null): void;
  applyFrames(frames: unknown[]): void;
}

export function createLabStore(registry: AnyExperiment[]) {
  const byId = Object.fromEntries(registry.map((e) => [e.id, e]));
  const first = registry[0];
  const issueText = (e: AnyExperiment, value: Record<string, unknown>, key: string): string | null => {
    const r = e.schema.safeParse(value);
    if (r.success) return null;
    const own = r.error.issues.find((i) => i.path[0] === key) ?? r.error.issues[0];
    return own.message;
  };

  return createStore<LabState>()((set, get) => {
    const def = () => byId[get().experimentId];
    const fresh = (e: AnyExperiment, params: Record<string, unknown>) => ({
      results: e.initResults(params),
      version: get()?.version + 1 || 1,
      runKey: (get()?.runKey ?? 0) + 1,
      status: 'starting' as RunStatus,
      statusMessage: null,
      resultsStale: false,
    });
    return {
      landing: false,
      present: null,
      hidden: [],
      tour: null,
      experimentId: first.id,
      params: first.defaults,
      backend: 'auto',
      backendReport: null,
      jobBackend: null,
      status: 'idle',
      statusMessage: null,
      notices: [],
      engineNotices: [],
      resultsStale: false,
      paramErrors: {},
      results: first.initResults(first.defaults),
      version: 0,
      runKey: 0,

      setParam(key, value) {
        const e = def();
        // The schema would strip an unknown key and the run would restart for nothing: refuse it.
        if (!Object.hasOwn(e.defaults, key)) {
          const message = `"${key}" is not a parameter of ${e.id}`;
          if (import.meta.env?.DEV) throw new Error(`setParam: ${message}`);
          console.error(`setParam: ${message}`);
          set({ paramErrors: { ...get().paramErrors, [key]: message } });
          return false;
        }
        const next = { ...get().params, [key]: value };
        const err = issueText(e, next, key);
        if (err) {
          set({ paramErrors: { ...get().paramErrors, [key]: err } });
          return false;
        }
        const parsed = e.schema.parse(next);
        const rest = { ...get().paramErrors };
        delete rest[key];
        // A fix to one key can clear a cross-field error reported on another.
        for (const k of Object.keys(rest))
          if (issueText(e, { ...parsed, [k]: parsed[k] }, k) === null) delete rest[k];
        if (e.uiKeys?.includes(key)) set({ params: parsed, paramErrors: rest, version: get().version + 1 });
        else set({ params: parsed, paramErrors: rest, ...fresh(e, parsed) });
        return true;
      },
      applyPreset(id) {
        const e = def();
        const preset = e.presets.find((p) => p.id === id);
        if (!preset) return;
        const parsed = e.schema.parse({ ...get().params, ...preset.params });
        set({ params: parsed, paramErrors: {}, ...fresh(e, parsed) });
      },
      setExperiment(id) {
        const e = byId[id];
        if (!e) return;
        set({
          landing: false,
          present: null,
          hidden: [],
          tour: null,
          experimentId: id,
          params: e.defaults,
          paramErrors: {},
          ...fresh(e, e.defaults),
        });
      },
      showLanding() {
        // the run stops (runController starts none on the landing); the experiment's state is kept
        set({
          landing: true,
          present: null,
          tour: null,
          runKey: get().runKey + 1,
          status: 'idle',
          statusMessage: null,
        });
      },
      setPresent(figureId) {
        if (figureId !== null && !def().figures.some((f) => f.id === figureId)) return;
        set({ present: figureId });
      },
      setHidden: (names) => set({ hidden: [...names] }),
      setTourStep(i) {
        const e = def();
        const step = e.tour?.[i];
        if (!step) return;
        const focus = { tour: i, present: step.focus === 'present' ? step.figure : null };
        if (step.preset === undefined && step.params === undefined) return set(focus);
        const preset = e.presets.find((p) => p.id === step.preset);
        const parsed = e.schema.parse({ ...e.defaults, ...(preset?.params ?? {}), ...(step.params ?? {}) });
        if (sameParams(parsed, get().params)) set(focus);
        else set({ ...focus, params: parsed, paramErrors: {}, ...fresh(e, parsed) });
      },
      endTour: () => set({ tour: null, present: null }),
      setBackend(b) {
        set({ backend: b, backendReport: null, ...fresh(def(), get().params) });
      },
      loadHash(hash) {
        const s = parseHash(hash, byId, first.id);
        const e = byId[s.experiment];
        set({
          landing: s.landing,
          present: s.present,
          hidden: s.hide,
          tour: null,
          experimentId: s.experiment,
          params: s.params,
          backend: s.backend,
          notices: s.errors,
          paramErrors: {},
          ...fresh(e, s.params),
        });
        // a link into the tour opens that step as the tour defines it
        if (s.tour !== null) get().setTourStep(s.tour);
      },
      hash: () =>
        get().landing
          ? '#/'
          : encodeHash(get().experimentId, get().params, get().backend, {
              present: get().present,
              hide: get().hidden,
              tour: get().tour,
            }),
      dismissNotices: () => set({ notices: [] }),
      // The last few only: a flapping engine must not grow the page without bound.
      addEngineNotice: (m) => set({ engineNotices: [...get().engineNotices, m].slice(-5) }),
      dismissEngineNotices: () => set({ engineNotices: [] }),
      restart: () => set(fresh(def(), get().params)),
      rerun: () =>
        set({
          runKey: get().runKey + 1,
          status: 'starting',
          statusMessage: null,
          resultsStale: true,
        }),
      setBackendReport: (r) => set({ backendReport: r }),
      setJobBackend: (r) => set({ jobBackend: r }),
      setStatus: (s, message = null) => set({ status: s, statusMessage: message }),
      applyFrames(frames) {
        if (frames.length === 0) return;
        const e = def();
        let r = get().resultsStale ? e.initResults(get().params) : get().results;
        for (const f of frames) r = e.reduce(r, f, get().params);
        set({ results: r, version: get().version + 1, resultsStale: false });
      },
    };
  });
}

export type LabStore = ReturnType<typeof createLabStore>;

/** Two param sets hold the same values, whatever the key order the schema gave them. */
export function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
  );
}
