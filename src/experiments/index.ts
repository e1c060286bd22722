import { collectExperiments } from './registry';

/** The UI registry, generated from the folders: every `src/experiments/<id>/index.ts`. */
export const experiments = collectExperiments(import.meta.glob('./*/index.ts', { eager: true }));
