import { beta0 } from './problem';
import type { ChainsEngine, OlsFrame } from './experimentJob';
import { maxPathPoints } from './limits';
import { panelsOf, type OlsParams } from './params';

interface OlsPanelResults {
  noisy: Float32Array;
  clean: Float32Array;
  /** points recorded in noisy/clean */
  count: number;
  iter: number;
  pathDivergedAt: number | null;
  chains: Float32Array;
  chainStep: number;
  empMean: [number, number] | null;
  empCov: [number, number, number] | null;
  chainsDivergedAt: number | null;
  /** empirical tr Cov of the chains against chain step */
  traceSteps: number[];
  traceValues: number[];
}

export interface OlsResults {
  panels: OlsPanelResults[];
  engine: ChainsEngine | null;
  threads: number;
  chains: number;
  stride: number;
  pathItersPerSec: number;
  chainStepsPerSec: number;
  frames: number;
  done: boolean;
}

export function initResults(p: OlsParams): OlsResults {
  return {
    panels: panelsOf(p).map(() => {
      const cap = 2 * (maxPathPoints + 2);
      const noisy = new Float32Array(cap);
      const clean = new Float32Array(cap);
      noisy.set(beta0);
      clean.set(beta0);
      return {
        noisy,
        clean,
        count: 1,
        iter: 0,
        pathDivergedAt: null,
        chains: new Float32Array(0),
        chainStep: 0,
        empMean: null,
        empCov: null,
        chainsDivergedAt: null,
        traceSteps: [],
        traceValues: [],
      };
    }),
    engine: null,
    threads: 1,
    chains: p.chains,
    stride: 1,
    pathItersPerSec: 0,
    chainStepsPerSec: 0,
    frames: 0,
    done: false,
  };
}

/** Append the frame's new path points and replace the chain snapshot; mutates for speed. */
export function reduce(r: OlsResults, f: OlsFrame): OlsResults {
  for (const pf of f.panels) {
    const pr = r.panels[pf.panel];
    if (!pr) continue;
    const room = (pr.noisy.length >> 1) - pr.count;
    const add = Math.min(pf.noisyAppend.length >> 1, room);
    pr.noisy.set(pf.noisyAppend.subarray(0, 2 * add), 2 * pr.count);
    pr.clean.set(pf.cleanAppend.subarray(0, 2 * add), 2 * pr.count);
    pr.count += add;
    pr.iter = pf.iter;
    pr.pathDivergedAt = pf.pathDivergedAt;
    pr.chains = pf.chainsSample;
    if (pf.chainStep !== pr.chainStep || pr.empCov === null) {
      pr.traceSteps.push(pf.chainStep);
      pr.traceValues.push(pf.empCov[0] + pf.empCov[1]);
    }
    pr.chainStep = pf.chainStep;
    pr.empMean = pf.empMean;
    pr.empCov = pf.empCov;
    pr.chainsDivergedAt = pf.chainsDivergedAt;
  }
  r.engine = f.chainsEngine;
  r.threads = f.threads;
  r.chains = f.chains;
  r.stride = f.stride;
  r.pathItersPerSec = f.pathItersPerSec;
  r.chainStepsPerSec = f.chainStepsPerSec;
  r.frames++;
  r.done = f.done;
  return r;
}
