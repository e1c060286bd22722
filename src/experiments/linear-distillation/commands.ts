import { defineCommand } from '../types';
import { linearInputSchema } from './linearInput';

export const commands = [
  defineCommand({
    name: 'linear',
    summary: 'what the linear student learns (Theorem 1): wHat (projection of wStar on the span of X), angle',
    schema: linearInputSchema,
    example: {
      X: [
        [1, 0, 2],
        [0, 1, 1],
      ],
      wStar: [1, 2, 0.5],
    },
    load: async () => (await import('./linearCommand')).linearCommand,
  }),
];
