import { defineCommand } from '../types';
import { kdCommand, kdInputSchema } from './kdCommand';

export const commands = [
  defineCommand({
    name: 'kd',
    summary: 'kernel-regime distillation: Theorem 1’s f_∞ and Theorem 3’s poles (eigenvalues of H̄)',
    schema: kdInputSchema,
    // Pure float64 math: no lazy chunk needed.
    load: async () => kdCommand,
  }),
];
