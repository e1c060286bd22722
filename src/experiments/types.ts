import type { ComponentType } from 'react';
import type { ZodType } from 'zod';
import type { AnyJobDef, JobRequest } from '../engine/job';

/**
 * The contract every experiment folder fulfils: `index.ts` default-exports one `defineExperiment(...)`
 * and `jobs.ts` exports its worker jobs. The app, the worker and the CLI discover folders by these two
 * file names, so adding a paper touches nothing outside its folder.
 */

type ParamsRecord = Record<string, unknown>;

/** A slider; ranges come from the same place as the schema. */
export interface NumberControl {
  kind: 'number';
  key: string;
  label: string;
  min: number;
  max: number;
  scale: 'log' | 'linear';
  integer?: boolean;
  help: string;
  /** the control only applies when this holds (e.g. custom Σ entries) */
  enabledWhen?: (params: ParamsRecord) => boolean;
}
interface ChoiceControl {
  kind: 'choice';
  key: string;
  label: string;
  options: readonly { value: string; label: string }[];
  help: string;
  enabledWhen?: (params: ParamsRecord) => boolean;
}
/** The seed field (a number box and a "new seed" button); its key must be an integer param. */
interface SeedControl {
  kind: 'seed';
  key: string;
  label?: string;
  help?: string;
  enabledWhen?: (params: ParamsRecord) => boolean;
}
type Control = NumberControl | ChoiceControl | SeedControl;

export interface PanelProps<P, R> {
  params: P;
  results: R;
  /** bumps when results were mutated in place */
  version: number;
}

interface Preset<P> {
  id: string;
  label: string;
  params: Partial<P>;
}

/** What a CLI command's code gets from the `lab` entry point (Node), so experiment code needs no `node:` import. */
export interface CommandEnv {
  /** the bytes of a file under the site's public/ folder, e.g. `data/fashion-mnist-subset.bin` */
  readPublicFile(relPath: string): Promise<ArrayBuffer>;
  /** one progress line on stderr (long headless runs) */
  progress(message: string): void;
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
  paper: string;
  /** position in the paper picker (ascending) */
  order: number;
  /** params schema: the one validator of controls, URL and presets (an object schema) */
  schema: ZodType<P>;
  defaults: P;
  controls: Control[];
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
  /** `lab` commands of this experiment */
  commands?: readonly AnyCommand[];
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
