import { z } from 'zod';
import { finite, int } from '../../schema/numbers';

/** Params of one training comparison (normal GD vs Algorithm 1), the inner loop of the NTK experiment and of `lab self-distill`. */
export const ntkTrainSchema = z
  .object({
    /** 'clusters': Definition 1's binary (ε, ρ)-clusterable set; 'fashion': 10-class Fashion-MNIST */
    data: z.enum(['clusters', 'fashion'], { error: "must be 'clusters' or 'fashion'" }),
    // clusters
    n: int(8, 1024),
    d: int(2, 256),
    clusters: int(2, 256),
    radius: finite(0, 2),
    rho: z
      .number({ error: 'must be a number' })
      .refine(Number.isFinite, 'must be finite')
      .pipe(z.number().min(0, 'must be ≥ 0').lt(0.5, 'must be < 0.5 (the true label must dominate)')),
    nTest: int(1, 4096),
    // fashion
    trainSize: int(10, 4000),
    testSize: int(10, 1000),
    p: finite(0, 0.9),
    // model and training
    width: int(16, 8192),
    iterations: int(1, 20000),
    etaScale: z
      .number({ error: 'must be a number' })
      .refine(Number.isFinite, 'must be finite')
      .pipe(z.number().gt(0, 'must be > 0').max(4)),
    /** absolute step size; when present it overrides etaScale / λ_max */
    eta: z
      .number({ error: 'must be a number' })
      .refine(Number.isFinite, 'must be finite')
      .pipe(z.number().gt(0, 'must be > 0'))
      .optional(),
    lambda: finite(0, 2),
    alphaRule: z.enum(['paper', 'chance', 'linear'], { error: "must be 'paper', 'chance' or 'linear'" }),
    h: z.enum(['sign', 'softmax', 'piecewise'], { error: "must be 'sign', 'softmax' or 'piecewise'" }),
    tau: finite(1e-3, 100),
    /** how many rows of topEig to use (0: none) */
    topK: int(0, 64),
    spectrumM: int(1, 32),
    seed: int(0, 2_147_483_647),
    evalEvery: int(1, 20000).optional(),
    /** top eigenvectors of the infinite-width NTK H∞ of the training inputs, rows of length n */
    topEig: z.array(z.array(z.number({ error: 'must be a finite number' }))).optional(),
    /** H∞ of the training inputs, n × n row-major, for the ‖H − H∞‖_F / ‖H∞‖_F readout */
    hInf: z.array(z.number({ error: 'must be a finite number' })).optional(),
  })
  .superRefine((p, c) => {
    const issue = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message });
    const n = p.data === 'clusters' ? p.n : p.trainSize;
    if (p.width % 2 !== 0)
      issue('width', `width ${p.width} must be even (half the output weights are +1/√k, half −1/√k)`);
    if (p.data === 'clusters' && p.clusters > p.n)
      issue('clusters', `${p.clusters} clusters need at least as many points (n = ${p.n})`);
    if (p.spectrumM > n) issue('spectrumM', `spectrumM ${p.spectrumM} exceeds the number of points ${n}`);
    if (p.topEig && p.topEig.length > 0) {
      if (p.topEig.length < p.topK)
        issue('topEig', `topEig has ${p.topEig.length} rows but topK is ${p.topK}`);
      const bad = p.topEig.findIndex((r) => r.length !== n);
      if (bad >= 0)
        issue('topEig', `topEig row ${bad} has ${p.topEig[bad].length} entries, expected n = ${n}`);
    }
    if (p.hInf && p.hInf.length !== n * n)
      issue('hInf', `hInf has ${p.hInf.length} entries, expected n² = ${n * n}`);
  });

export type NtkTrainParams = z.infer<typeof ntkTrainSchema>;

/**
 * Defaults: the SCIENCE.md setting of Fig. 4 (n = 256, d = 32, K = 8, ε = 0.3, ρ = 0.27, width 2048,
 * η = 1/λ_max, chance-corrected α with λ = 1, h = sign); Fashion-MNIST: 512 training images with
 * p = 0.4 symmetric noise, 500 test images.
 */
export const defaultNtkTrainParams: NtkTrainParams = {
  data: 'clusters',
  n: 256,
  d: 32,
  clusters: 8,
  radius: 0.3,
  rho: 0.27,
  nTest: 512,
  trainSize: 512,
  testSize: 500,
  p: 0.4,
  width: 2048,
  iterations: 1500,
  etaScale: 1,
  lambda: 1,
  alphaRule: 'chance',
  h: 'sign',
  tau: 0.5,
  topK: 0,
  spectrumM: 16,
  seed: 1,
};
