import { defineCommand } from '../types';
import { olsInputSchema } from './olsCommand';

export const commands = [
  defineCommand({
    name: 'ols',
    summary: 'exact SGD-with-label-noise theory: β̂, stationary covariance, contraction rates',
    schema: olsInputSchema,
    load: async () => (await import('./olsCommand')).olsCommand,
  }),
];
