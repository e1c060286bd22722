import { z } from 'zod';
import { finiteNumber } from '../../../src/schema/numbers';
import { defineCommand } from '../../../src/experiments/types';

export const commands = [
  defineCommand({
    name: 'example-mean',
    summary: 'expected |mean − μ| of n draws of N(μ, σ²): σ·√(2/(π n))',
    schema: z.object({ sigma: finiteNumber.pipe(z.number().positive()), n: z.number().int().min(1) }),
    load: async () => (input) => ({ expectedError: input.sigma * Math.sqrt(2 / (Math.PI * input.n)) }),
  }),
];
