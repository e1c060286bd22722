import { hilbertSelfDistillation } from './hilbert-self-distillation';
import { labelNoiseSgd } from './label-noise-sgd';
import { ntkSelfDistillation } from './ntk-self-distillation';
import type { AnyExperiment } from './types';

/** The UI registry: the only list of experiments the app shows (the worker's is jobs.ts). */
export const experiments: AnyExperiment[] = [labelNoiseSgd, hilbertSelfDistillation, ntkSelfDistillation];

/** Papers still to come, shown greyed out in the picker so users know what is planned. */
export const upcoming = [
  { id: 'kernel-distillation', title: 'Distillation in the kernel regime (Rahbar et al.)' },
  { id: 'linear-distillation', title: 'Linear distillation (Phuong & Lampert)' },
];
