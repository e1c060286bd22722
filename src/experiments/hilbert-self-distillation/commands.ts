import { defineCommand } from '../types';
import { hilbertInputSchema } from './hilbertCommand';

export const commands = [
  defineCommand({
    name: 'hilbert',
    summary: 'exact self-distillation in Hilbert space: eigenvalues, c_t, B_t, fits per round, collapse',
    schema: hilbertInputSchema,
    load: async () => (await import('./hilbertCommand')).hilbertCommand,
  }),
];
