import type { Preset } from '../types';
import { z } from 'zod';
import { finite, finiteNumber, int } from '../../schema/numbers';
import { fig1Defaults, fig1Shape } from './teacherEpochsParams';

/**
 * The page's params (controls, URL, presets): the one schema of the experiment's keys, with the UI's
 * ranges. The training job's schema (trainParams.ts) is derived from this object, so a shared key is
 * defined once.
 */
export const ntkParamsBase = z.object({
  /** 'clusters': Definition 1's binary (ε, ρ)-clusterable set; 'fashion': 10-class Fashion-MNIST */
  data: z.enum(['clusters', 'fashion'], { error: "must be 'clusters' or 'fashion'" }),
  // clusters
  n: int(16, 512),
  d: int(2, 128),
  clusters: int(2, 16),
  radius: finite(0, 1),
  // The bound is the model's (clusterData needs ρ < ½), not the slider's 0.49.
  rho: finiteNumber.pipe(
    z.number().min(0, 'must be ≥ 0').lt(0.5, 'must be < 0.5 (the true label must dominate)'),
  ),
  // fashion
  p: finite(0, 0.9),
  // model and training
  width: int(16, 8192),
  iterations: int(10, 20000),
  etaScale: finite(0.05, 2),
  lambda: finite(0, 2),
  alphaRule: z.enum(['paper', 'chance', 'linear'], { error: "must be 'paper', 'chance' or 'linear'" }),
  h: z.enum(['sign', 'softmax', 'piecewise'], { error: "must be 'sign', 'softmax' or 'piecewise'" }),
  tau: finite(0.05, 5),
  topK: int(1, 20),
  draws: int(2, 40),
  seed: int(0, 2_147_483_647),
});

type Issue = (path: string, message: string) => void;

/** The checks across keys that the page and the training job share. */
export function checkNetworkAndClusters(
  v: { width: number; data: 'clusters' | 'fashion'; clusters: number; n: number },
  issue: Issue,
): void {
  if (v.width % 2 !== 0)
    issue('width', `width ${v.width} must be even (half the output weights are +1/√k, half −1/√k)`);
  if (v.data === 'clusters' && v.clusters > v.n)
    issue('clusters', `${v.clusters} clusters need at least as many points (n = ${v.n})`);
}

// Fig. 1's keys are the page's only: the training job's schema (trainParams.ts) derives from the base.
export const ntkParamsSchema = ntkParamsBase.extend(fig1Shape).superRefine((v, ctx) => {
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message });
  checkNetworkAndClusters(v, issue);
  if (v.topK > v.n) issue('topK', `top-k ${v.topK} exceeds n = ${v.n}`);
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
  ...fig1Defaults,
};

export const presets: Preset<NtkParams>[] = [
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
    id: 'fig1',
    label: 'Figure 1 (teacher epochs → student)',
    params: { fig1: 'on', fig1Epochs: 40, fig1Temperature: 4, fig1Seeds: 2 },
  },
  {
    // Issue 19's paper-scale regime: the paper's longest teachers (its 40 … 200 epochs), more seeds.
    id: 'fig1-paper',
    label: 'Figure 1 at the paper’s teacher lengths (40 … 200 epochs, 4 seeds)',
    params: { fig1: 'on', fig1Epochs: 200, fig1Temperature: 4, fig1Seeds: 4 },
    cost: 'Paper scale: 1 min 43 s on a 2-core laptop CPU (wasm), measured 2026-12-05; not yet timed on a GPU.',
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
