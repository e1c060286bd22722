import { defineCommand } from '../types';
import { hilbertCommand, hilbertInputSchema } from './hilbertCommand';

export const commands = [
  defineCommand({
    name: 'hilbert',
    summary: 'exact self-distillation in Hilbert space: eigenvalues, c_t, B_t, fits per round, collapse',
    schema: hilbertInputSchema,
    // Pure float64 math the page bundles anyway: no lazy chunk needed.
    load: async () => hilbertCommand,
  }),
];
