/**
 * The panel's commits, timestamped, in the e2e/bench build (window.__labCommits): the interaction bench
 * times a slider's input event to the first commit that shows its value (and, for a param that restarts
 * the run, to the first commit with a frame of the new run). A no-op in the shipped build.
 */
export interface PanelCommit {
  /** performance.now() in the layout effect: the DOM is changed, not yet painted */
  t: number;
  experimentId: string;
  params: Record<string, unknown>;
  runKey: number;
  version: number;
}

const maxEntries = 2000;

export function logPanelCommit(entry: Omit<PanelCommit, 't'>): void {
  if (import.meta.env.VITE_LAB_HOOKS !== '1') return;
  const w = window as unknown as { __labCommits?: PanelCommit[] };
  const log = (w.__labCommits ??= []);
  log.push({ t: performance.now(), ...entry });
  if (log.length > maxEntries) log.splice(0, log.length - maxEntries);
}
