import { hilbertSelfDistillation } from './hilbert-self-distillation';
import { labelNoiseSgd } from './label-noise-sgd';
import type { AnyExperiment } from './types';

/** The UI registry: the only list of experiments the app shows (the worker's is jobs.ts). */
export const experiments: AnyExperiment[] = [labelNoiseSgd, hilbertSelfDistillation];

/** Papers still to come, shown greyed out in the picker so users know what is planned. */
export const upcoming = [
  { id: 'ntk-self-distillation', title: 'NTK eigenspaces & self-distillation (Dong et al.)' },
  { id: 'kernel-distillation', title: 'Distillation in the kernel regime (Rahbar et al.)' },
  { id: 'linear-distillation', title: 'Linear distillation (Phuong & Lampert)' },
];
