import { defineCommand } from '../types';
import { olsCommand, olsInputSchema } from './olsCommand';

export const commands = [
  defineCommand({
    name: 'ols',
    summary: 'exact SGD-with-label-noise theory: β̂, stationary covariance, contraction rates',
    schema: olsInputSchema,
    // Pure float64 math the page bundles anyway: no lazy chunk needed.
    load: async () => olsCommand,
  }),
];
