import { defineCommand } from '../types';
import { olsInputSchema } from './olsInput';

export const commands = [
  defineCommand({
    name: 'ols',
    summary: 'exact SGD-with-label-noise theory: β̂, stationary covariance, contraction rates',
    schema: olsInputSchema,
    example: {
      X: [
        [1, 0.5],
        [0.2, 1],
        [0.3, -0.4],
        [1, 1],
      ],
      y: [1, 0.5, -0.2, 2],
      eta: 0.05,
      batch: 2,
    },
    load: async () => (await import('./olsCommand')).olsCommand,
  }),
];
