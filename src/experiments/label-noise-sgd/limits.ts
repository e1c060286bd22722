/** Sizes the job and the results share (kept apart from experimentJob.ts so the UI does not bundle the job). */
export const maxPathPoints = 20_000;
export const maxDrawnChains = 40_000;
