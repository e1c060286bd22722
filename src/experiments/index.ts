import { collectExperiments } from './registry';

/** The UI registry, generated from the folders: every `src/experiments/<id>/index.ts`. */
export const experiments = collectExperiments(import.meta.glob('./*/index.ts', { eager: true }));

/**
 * Papers of the lab's plan that have no folder yet, shown greyed out in the picker. An entry disappears
 * by itself once a folder with that id exists.
 */
const planned = [
  { id: 'kernel-distillation', title: 'Distillation in the kernel regime (Rahbar et al.)' },
  { id: 'linear-distillation', title: 'Linear distillation (Phuong & Lampert)' },
];
export const upcoming = planned.filter((p) => !experiments.some((e) => e.id === p.id));
