import type { ComponentType } from 'react';
import type { ZodType } from 'zod';

/** A slider or choice a panel exposes; ranges come from the same place as the schema. */
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
  enabledWhen?: (params: Record<string, unknown>) => boolean;
}
export interface ChoiceControl {
  kind: 'choice';
  key: string;
  label: string;
  options: readonly { value: string; label: string }[];
  help: string;
  enabledWhen?: (params: Record<string, unknown>) => boolean;
}
export type Control = NumberControl | ChoiceControl;

export interface PanelProps<P, R> {
  params: P;
  results: R;
  /** bumps when results were mutated in place */
  version: number;
}

/** Everything the app needs to show one paper's experiment. */
export interface ExperimentDef<P extends Record<string, unknown> = Record<string, unknown>, R = unknown> {
  id: string;
  title: string;
  paper: string;
  schema: ZodType<P>;
  defaults: P;
  controls: Control[];
  presets: { id: string; label: string; params: Partial<P> }[];
  /** the worker job to run for these params, or null when the figure needs none (exact theory only) */
  jobFor(params: P): { job: string; params: unknown } | null;
  /** params that only change the view or the exact (main-thread) theory: no new run */
  uiKeys?: string[];
  initResults(params: P): R;
  /** fold one frame into the results (may mutate), returning them */
  reduce(results: R, frame: unknown, params: P): R;
  Panel: ComponentType<PanelProps<P, R>>;
  /** a short throughput text for the status line */
  rate(results: R): string;
}

// Variance: the registry stores experiments of different P, R.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExperiment = ExperimentDef<any, any>;
