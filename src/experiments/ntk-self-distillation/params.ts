import { z } from 'zod';
import { finite, int } from '../../schema/numbers';

export const ntkParamsSchema = z
  .object({
    data: z.enum(['clusters', 'fashion']),
    n: int(16, 512),
    d: int(2, 128),
    clusters: int(2, 16),
    radius: finite(0, 1),
    rho: finite(0, 0.49),
    p: finite(0, 0.9),
    width: int(16, 8192),
    iterations: int(10, 20000),
    etaScale: finite(0.05, 2),
    lambda: finite(0, 2),
    alphaRule: z.enum(['chance', 'paper', 'linear']),
    h: z.enum(['sign', 'softmax', 'piecewise']),
    tau: finite(0.05, 5),
    topK: int(1, 20),
    draws: int(2, 40),
    seed: int(0, 2_147_483_647),
  })
  .superRefine((v, ctx) => {
    if (v.width % 2 !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['width'],
        message: 'width k must be even (half the output weights are +1/√k, half −1/√k)',
      });
    if (v.topK > v.n)
      ctx.addIssue({ code: 'custom', path: ['topK'], message: `top-k ${v.topK} exceeds n = ${v.n}` });
    if (v.data === 'clusters' && v.clusters > v.n)
      ctx.addIssue({
        code: 'custom',
        path: ['clusters'],
        message: `${v.clusters} clusters need at least as many points (n = ${v.n})`,
      });
  });
export type NtkParams = z.infer<typeof ntkParamsSchema>;

export const defaultParams: NtkParams = {
  data: 'clusters',
  n: 256,
  d: 32,
  clusters: 8,
  radius: 0.3,
  rho: 0.27,
  p: 0.4,
  width: 2048,
  iterations: 800,
  etaScale: 1,
  lambda: 1,
  alphaRule: 'chance',
  h: 'sign',
  tau: 0.5,
  topK: 5,
  draws: 10,
  seed: 1,
};

export const presets: { id: string; label: string; params: Partial<NtkParams> }[] = [
  {
    id: 'fig2',
    label: 'Figure 2 (label noise vs top-5 eigenspace)',
    params: {
      data: 'clusters',
      n: 128,
      d: 16,
      clusters: 4,
      radius: 0.3,
      topK: 5,
      draws: 20,
      rho: 0.2,
      iterations: 300,
      width: 1024,
    },
  },
  {
    id: 'fig4',
    label: 'Figure 4 (clusters, 27% flipped)',
    params: {
      data: 'clusters',
      n: 256,
      d: 32,
      clusters: 8,
      radius: 0.3,
      rho: 0.27,
      width: 2048,
      lambda: 1,
      alphaRule: 'chance',
      h: 'sign',
      iterations: 800,
    },
  },
  {
    id: 'trap',
    label: 'The paper’s α rule on two classes (the trap)',
    params: {
      data: 'clusters',
      n: 256,
      d: 32,
      clusters: 8,
      radius: 0.3,
      rho: 0.27,
      width: 2048,
      lambda: 1,
      alphaRule: 'paper',
      h: 'sign',
      iterations: 800,
    },
  },
  {
    id: 'table1',
    label: 'Table 1 (Fashion-MNIST, p = 0.4)',
    params: {
      data: 'fashion',
      n: 512,
      p: 0.4,
      width: 2048,
      lambda: 1,
      alphaRule: 'chance',
      h: 'sign',
      etaScale: 1.8,
      iterations: 400,
    },
  },
];
