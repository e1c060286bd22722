import type { ComponentType } from 'react';
import type { ZodType } from 'zod';
import type { AnyJobDef, JobRequest } from '../engine/job';
import type { Control, NumberControl } from './controls';

/**
 * The contract every experiment folder fulfils: `index.ts` default-exports one `defineExperiment(...)`
 * and `jobs.ts` exports its worker jobs. The app, the worker and the CLI discover folders by these two
 * file names, so adding a paper touches nothing outside its folder.
 */

type ParamsRecord = Record<string, unknown>;

/** A slider of any experiment, as the app's Slider draws it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNumberControl = NumberControl<any>;

export interface PanelProps<P, R> {
  params: P;
  results: R;
  /** bumps when results were mutated in place */
  version: number;
  /**
   * Sets one param (a marker drag, a play button): typed, so a misspelt key is a compile error instead of a
   * key the schema strips (which would silently restart the run). Validated by the schema like a control;
   * false (with the message under the control) when refused.
   */
  setParam<K extends keyof P & string>(key: K, value: P[K]): boolean;
}

/**
 * One figure (chart) of the panel. `ExperimentDef.figures` lists them in page order: a presentation mode
 * and guided tours address a figure by its id, and the panel's chart carries it (`figureId`, rendered as
 * `data-figure-id` on the chart's root). A figure drawn as small multiples (one chart per panel of the
 * paper's grid) is one entry whose charts all carry its id.
 */
export interface FigureDef {
  /** lowercase kebab-case, unique within the experiment */
  id: string;
  title: string;
  /** one line: what the figure shows */
  caption: string;
}

/**
 * An experiment's figures, and `fig(id)` for its panel: the id as `figureId`, a compile error when no
 * figure has that id.
 */
export function defineFigures<const F extends readonly FigureDef[]>(figures: F) {
  return { figures, fig: (id: F[number]['id']): string => id };
}

export interface Preset<P> {
  id: string;
  label: string;
  params: Partial<P>;
  /** how long it runs, shown under its button: a paper-scale preset states the time it took on a 2-core CPU */
  cost?: string;
}

/**
 * One step of an experiment's guided tour: data, checked at start-up against the experiment (its
 * figures, presets and params schema), so a tour cannot name a figure or a value the page lacks.
 */
export interface TourStep<P, R> {
  /** a short heading, e.g. 'The exact ellipse grows with σ²' */
  title: string;
  /** two or three sentences: what to look at and why */
  text: string;
  /** the figure the step is about: an id of the experiment's `figures` */
  figure: string;
  /** 'present': the figure fills the screen (presentation mode); 'highlight' (default): outlined in the page */
  focus?: 'present' | 'highlight';
  /** the step sets the defaults, then this preset (its id), then `params`; a step with neither keeps the current params */
  preset?: string;
  params?: Partial<P>;
  /**
   * The step's text is about a point of the run ("once the teacher has trained"): until `reached`
   * holds on the results, the tour says `label` and that it is waiting.
   */
  waitFor?: { label: string; reached: (results: R) => boolean };
  /** the tour card shows the experiment's `Schematic` (the paper's diagram, with the live params) */
  schematic?: boolean;
}

/**
 * What the live run says about the paper's claim. `provisional` is set while the run can still change
 * the answer (its progress, e.g. 'epoch 3 of 15'); a final verdict has none.
 */
export interface Verdict {
  state: 'holds' | 'fails' | 'pending';
  /** one short clause with the numbers, e.g. 'validation picks σ² = 4 > 0' */
  text: string;
  provisional?: string;
}

/**
 * The paper's claim the page leads with ("look here first"): data, checked at start-up against the
 * experiment like a tour, with the live verdict computed from the results (the same function the panel uses).
 */
export interface ClaimDef<P, R> {
  /** the figure that carries the claim: an id of the experiment's `figures` */
  figure: string;
  /** the claim typeset (KaTeX) */
  tex: string;
  /** the claim in words, one short sentence */
  text: string;
  /** where in the paper, e.g. 'eq. (16), Fig. 2' */
  source: string;
  /**
   * Linked terms of `tex`: each `\htmlData{term=id}{…}` is coloured like the curves tagged `term: id`
   * (LineSeries.term) and hovering either highlights the other. The colour is that of those curves.
   */
  terms?: Record<string, { color: string; label: string }>;
  /**
   * A pure function of the results and params. It may return a promise where it needs code kept out of
   * the page's first load (an exact solver): `async (r, p) => (await import('./verdict')).f(r, p)`.
   */
  verdict(results: R, params: P): Verdict | Promise<Verdict>;
  /** the defaults do not show the effect: this preset (its id) does; `text` says why, in a few words */
  presetHint?: { preset: string; text: string };
}

/** What a CLI command's code gets from the `lab` entry point (Node), so experiment code needs no `node:` import. */
export interface CommandEnv {
  /** the bytes of a file under the site's public/ folder, e.g. `data/fashion-mnist-subset.bin` */
  readPublicFile(relPath: string): Promise<ArrayBuffer>;
  /** one progress line on stderr (long headless runs) */
  progress(message: string): void;
  /** makes tfjs's fastest CPU backend here active (wasm when it starts, else cpu) and names it */
  cpuBackend(): Promise<'wasm' | 'cpu'>;
  /**
   * seconds a long command may take (LAB_MAX_SECONDS, default 60): a run it estimates longer is
   * refused with the estimate and a setting that fits
   */
  budgetSeconds: number;
}

/** A `lab <name> < input.json` command: input schema → one JSON object. */
export interface CommandDef<I = unknown> {
  name: string;
  /** one line for `lab --help` */
  summary: string;
  schema: ZodType<I>;
  /**
   * A small valid input that runs in about a second: the CLI fuzz mutates it (every command is fuzzed
   * from its schema and this example), and `lab --help` shows it.
   */
  example?: unknown;
  /** the command's code, loaded on use (it may pull in tfjs) */
  load: () => Promise<(input: I, env: CommandEnv) => unknown>;
}

export function defineCommand<I>(def: {
  name: string;
  summary: string;
  schema: ZodType<I>;
  example?: unknown;
  load: () => Promise<(input: NoInfer<I>, env: CommandEnv) => unknown>;
}): CommandDef<I> {
  return def;
}

// Variance: a command table holds commands of different input types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDef<any>;

/** Everything the app, the worker and the CLI need of one paper's experiment. */
export interface ExperimentDef<P extends ParamsRecord = ParamsRecord, R = unknown, F = unknown> {
  /** the folder name; also the URL path segment */
  id: string;
  title: string;
  /** the citation shown under the title: who, what, which figures */
  paper: string;
  /** the paper, for grouping experiments: one id per paper (the two halves of Xiong et al. share 'xiong-2023') */
  paperId: string;
  /** as the README names them, e.g. 'Mobahi, Farajtabar & Bartlett' or 'Xiong et al.' */
  authors: string;
  year: number;
  /** the paper's figures this experiment redraws, e.g. 'Fig. 1' or 'Fig. 2–3' */
  paperFigures: string;
  /** one sentence for the landing card: what you will see */
  summary: string;
  /** the sliders a lecturer drags: shown in large type beside a figure in presentation mode */
  keyControls: readonly (keyof P & string)[];
  /** position in the paper picker (ascending) */
  order: number;
  /** params schema: the one validator of controls, URL and presets (an object schema) */
  schema: ZodType<P>;
  defaults: P;
  controls: Control<P>[];
  /** every chart the panel draws, in page order */
  figures: readonly FigureDef[];
  presets: Preset<P>[];
  /** the worker job to run for these params, or null when the figure needs none (exact theory only) */
  jobFor(params: P): JobRequest<F> | null;
  /** params that only change the view or the exact (main-thread) theory: no new run */
  uiKeys?: readonly (keyof P & string)[];
  initResults(params: P): R;
  /** fold one frame into the results (may mutate), returning them */
  reduce(results: R, frame: F, params: P): R;
  Panel: ComponentType<PanelProps<P, R>>;
  /** a short throughput text for the status line */
  rate(results: R): string;
  /** the guided tour (`tour=N` in the link opens step N) */
  tour?: readonly TourStep<P, R>[];
  /** the paper's claim and its live verdict, shown above the panel */
  claim?: ClaimDef<P, R>;
  /** the paper's schematic drawn from the live params (the panel shows it; so does a tour step with `schematic`) */
  Schematic?: ComponentType<{ params: P; results: R }>;
}

/**
 * Identity at run time; at compile time it ties params, results and the job's frame type together, so a
 * `reduce` written for another job's frames, or a `jobFor` naming a job with other params, is a type error.
 */
export function defineExperiment<P extends ParamsRecord, R, F>(
  def: ExperimentDef<P, R, F>,
): ExperimentDef<P, R, F> {
  return def;
}

// Variance: the registry stores experiments of different P, R, F.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExperiment = ExperimentDef<any, any, any>;
export type AnyJob = AnyJobDef;
