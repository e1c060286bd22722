import { z } from 'zod';
import { finiteNumber, int } from '../../schema/numbers';
import { checkNetworkAndClusters, defaultParams, ntkParamsBase } from './params';

/**
 * Params of one training comparison (normal GD vs Algorithm 1), the inner loop of the NTK experiment and
 * of `lab self-distill`: the page's schema without its Fig. 2 key, widened where headless use needs it,
 * plus the keys the page derives itself (test split, spectrum size, H∞ readouts).
 */
export const ntkTrainSchema = ntkParamsBase
  .omit({ draws: true })
  .extend({
    // The page caps n at 512 for its float64 eigensolve of H∞ (O(n³), ~1 s at 512); training alone has
    // no such step, and the bench times it at n = 1024.
    n: int(16, 1024),
    // Headless timing runs (the bench) take a few steps; the page's minimum keeps its curves drawable.
    iterations: int(1, 20000),
    /** how many rows of topEig to use; 0 (headless, without H∞ eigenvectors): no top-k readouts */
    topK: int(0, 20),
    nTest: int(1, 4096),
    // fashion
    trainSize: int(10, 4000),
    testSize: int(10, 1000),
    /** absolute step size; when present it overrides etaScale / λ_max */
    eta: finiteNumber.pipe(z.number().gt(0, 'must be > 0')).optional(),
    spectrumM: int(1, 32),
    evalEvery: int(1, 20000).optional(),
    /** 'ops': step with tfjs ops even on WebGPU (the bench's and tests' reference); default: fused WGSL there */
    stepKernel: z.enum(['auto', 'ops']).optional(),
    /** top eigenvectors of the infinite-width NTK H∞ of the training inputs, rows of length n */
    topEig: z.array(z.array(z.number({ error: 'must be a finite number' }))).optional(),
    /** H∞ of the training inputs, n × n row-major, for the ‖H − H∞‖_F / ‖H∞‖_F readout */
    hInf: z.array(z.number({ error: 'must be a finite number' })).optional(),
  })
  .superRefine((p, c) => {
    const issue = (path: string, message: string) => c.addIssue({ code: 'custom', path: [path], message });
    const n = p.data === 'clusters' ? p.n : p.trainSize;
    checkNetworkAndClusters(p, issue);
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
 * Defaults: the page's (the SCIENCE.md setting of Fig. 4: n = 256, d = 32, K = 8, ε = 0.3, ρ = 0.27,
 * width 2048, η = 1/λ_max, chance-corrected α with λ = 1, h = sign) with a longer run and no top-k
 * readouts (no H∞ eigenvectors headless); Fashion-MNIST: 512 training images with p = 0.4 symmetric
 * noise, 500 test images.
 */
export const defaultNtkTrainParams: NtkTrainParams = {
  // parse() drops the page-only keys
  ...ntkParamsBase.omit({ draws: true }).parse(defaultParams),
  iterations: 1500,
  topK: 0,
  nTest: 512,
  trainSize: 512,
  testSize: 500,
  spectrumM: 16,
};
