import { defineCommand } from '../types';
import { hilbertInputSchema } from './hilbertInput';

export const commands = [
  defineCommand({
    name: 'hilbert',
    summary: 'exact self-distillation in Hilbert space: eigenvalues, c_t, B_t, fits per round, collapse',
    schema: hilbertInputSchema,
    example: { x: [0.1, 0.3, 0.5, 0.7, 0.9], y: [0.2, 0.9, 1, 0.6, 0.1], epsilon: 0.01 },
    load: async () => (await import('./hilbertCommand')).hilbertCommand,
  }),
];
