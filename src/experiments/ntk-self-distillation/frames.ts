import type { RunMetrics, SelfDistillMetrics } from './evaluator';

/**
 * What the NTK self-distillation jobs send to the page: the training comparison (trainJob.ts), the page's
 * run around it (experimentJob.ts: theory, Fig. 2, width sweep) and Fig. 1 (teacherEpochsJob.ts).
 */

// ── the training comparison: normal GD vs Algorithm 1 (trainJob.ts)

/** First frame: the problem and the step size. */
export interface NtkStartFrame {
  kind: 'start';
  data: 'clusters' | 'fashion';
  /** training points, input dimension, outputs C (1 for binary ±1 labels), test points */
  n: number;
  d: number;
  outputs: number;
  nTest: number;
  width: number;
  iterations: number;
  evalEvery: number;
  /** the step size used */
  eta: number;
  /** top eigenvalue of the empirical NTK at initialisation */
  lambdaMax: number;
  /** the fraction of training labels actually flipped */
  flippedFraction: number;
  /** the h actually used (piecewise falls back to sign for C > 1) */
  h: 'sign' | 'softmax' | 'piecewise';
  /** how many H∞ eigenvectors feed the info-gain and AIR readouts (0: skipped) */
  topK: number;
  /** remarks, e.g. the piecewise → sign fallback */
  notes: string[];
  backend: string;
  /** how a step runs: fused WGSL on the WebGPU device, or tfjs ops */
  stepKernel: 'fused-wgsl' | 'tfjs-ops';
  /** data generation, initialisation and the initial spectrum */
  setupMs: number;
}

/** Top eigenvalues of the empirical NTK H of the normal run. */
export interface NtkSpectrumFrame {
  kind: 'spectrum';
  when: 'init' | 'end';
  iteration: number;
  /** top-m eigenvalues of H, descending (Ritz values of a converged subspace iteration) */
  eigenvalues: number[];
  /** ‖H − H∞‖_F / ‖H∞‖_F, or null without hInf */
  hInfRelDistance: number | null;
  /** subspace iterations used, and whether the Ritz values converged (relative 1e-6 of λ_max) */
  subspaceIterations: number;
  converged: boolean;
  ms: number;
}

/** Every evalEvery iterations, and at the last iteration. */
export interface NtkMetricsFrame {
  kind: 'metrics';
  iteration: number;
  normal: RunMetrics;
  selfDistill: SelfDistillMetrics;
  /** topKRatio(y) of the observed labels, or null without topEig */
  labelTopKRatio: number | null;
  elapsedMs: number;
}

/** Between metrics frames, about every 100 ms of work, so pause and cancel stay responsive. */
export interface NtkProgressFrame {
  kind: 'progress';
  iteration: number;
  iterations: number;
  elapsedMs: number;
}

export interface NtkDoneFrame {
  kind: 'done';
  iterations: number;
  eta: number;
  lambdaMax: number;
  normal: RunMetrics;
  selfDistill: SelfDistillMetrics;
  /** wall time per GD step of the batched pair of runs (metrics, spectra and frame waits excluded) */
  msPerStep: number;
  stepsPerSecond: number;
  totalMs: number;
}

export type NtkFrame = NtkStartFrame | NtkSpectrumFrame | NtkMetricsFrame | NtkProgressFrame | NtkDoneFrame;

// ── the page's run (experimentJob.ts)

/** Exact float64 facts about the training inputs, computed in the worker (an n = 512 eigensolve takes ~1 s). */
export interface NtkTheoryFrame {
  kind: 'theory';
  /** all eigenvalues of the infinite-width NTK H∞ of the training inputs, descending */
  eigenvalues: number[];
  /** ‖P_k y‖/‖y‖ of the observed labels and of the clean labels */
  labelRatio: number;
  cleanRatio: number;
  topK: number;
  ms: number;
}

/** Fig. 2: the top-k ratio of the labels against the noise level, over independent draws. */
export interface NtkFig2Frame {
  kind: 'fig2';
  /** ρ (clusters) or p (Fashion-MNIST) */
  levels: number[];
  mean: number[];
  std: number[];
  draws: number;
  topK: number;
  ms: number;
}

/** The empirical NTK at initialisation converging to H∞ as the width grows. */
export interface NtkWidthFrame {
  kind: 'width';
  widths: number[];
  /** ‖H_k − H∞‖_F/‖H∞‖_F */
  distance: number[];
  ms: number;
}

/** A metrics frame with the linearised prediction of how much clean signal and noise is fitted. */
export type NtkMetricsWithTheory = Extract<NtkFrame, { kind: 'metrics' }> & {
  theoryFit: { clean: number; noise: number | null };
};

export type NtkExperimentFrame =
  | NtkTheoryFrame
  | NtkFig2Frame
  | NtkWidthFrame
  | Exclude<NtkFrame, { kind: 'metrics' }>
  | NtkMetricsWithTheory
  | Fig1Frame;

// ── Fig. 1: teacher epochs → student (teacherEpochsJob.ts)

export interface Fig1StartFrame {
  kind: 'fig1-start';
  teacherEpochs: number[];
  seeds: number;
  trainSize: number;
  testSize: number;
}
export interface Fig1ProgressFrame {
  kind: 'fig1-progress';
  phase: 'teachers' | 'students';
  epoch: number;
  epochs: number;
  loss: number;
}
/** Per teacher epoch count, per seed. */
export interface Fig1TeachersFrame {
  kind: 'fig1-teachers';
  teacherEpochs: number[];
  trainAcc: number[][];
  testAcc: number[][];
  /** mean entropy (nats) of the softened targets softmax(z/T) on the training set: the dark knowledge left */
  targetEntropy: number[][];
  ms: number;
}
export interface Fig1StudentsFrame {
  kind: 'fig1-students';
  /** [teacher][seed] */
  testAcc: number[][];
  trainAcc: number[][];
  /** per seed: the student trained on the labels alone */
  labelsTestAcc: number[];
  ms: number;
}
export type Fig1Frame = Fig1StartFrame | Fig1ProgressFrame | Fig1TeachersFrame | Fig1StudentsFrame;
