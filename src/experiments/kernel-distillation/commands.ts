import { defineCommand } from '../types';
import { kdInputSchema } from './kdInput';

export const commands = [
  defineCommand({
    name: 'kd',
    summary: 'kernel-regime distillation: Theorem 1’s f_∞ and Theorem 3’s poles (eigenvalues of H̄)',
    schema: kdInputSchema,
    // n = 3 unit-norm points in d = 3, m = 2 units (balanced ±1 output weights).
    example: {
      X: [
        [1, 0, 0],
        [0, 0.6, 0.8],
        [0.6, 0, 0.8],
      ],
      y: [1, -1, 1],
      W: [
        [0.01, -0.02, 0.005],
        [-0.01, 0.015, 0.02],
      ],
      a: [1, -1],
      lam: 0.01,
      activation: 'tanh',
    },
    // Pure float64 math: no lazy chunk needed.
    load: async () => (await import('./kdCommand')).kdCommand,
  }),
];
