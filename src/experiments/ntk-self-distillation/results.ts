import type {
  NtkExperimentFrame,
  NtkFig2Frame,
  NtkMetricsWithTheory,
  NtkTheoryFrame,
  NtkWidthFrame,
} from './frames';
import type { Fig1ProgressFrame, Fig1StartFrame, Fig1StudentsFrame, Fig1TeachersFrame } from './frames';
import type { NtkDoneFrame, NtkProgressFrame, NtkSpectrumFrame, NtkStartFrame } from './frames';

export interface NtkResults {
  theory: NtkTheoryFrame | null;
  fig2: NtkFig2Frame | null;
  width: NtkWidthFrame | null;
  start: NtkStartFrame | null;
  spectrumInit: NtkSpectrumFrame | null;
  spectrumEnd: NtkSpectrumFrame | null;
  metrics: NtkMetricsWithTheory[];
  progress: NtkProgressFrame | null;
  done: NtkDoneFrame | null;
  fig1: Fig1Results;
}

/** Dong et al. Fig. 1 (teacher epochs → student), when the page runs it. */
export interface Fig1Results {
  start: Fig1StartFrame | null;
  teachers: Fig1TeachersFrame | null;
  students: Fig1StudentsFrame | null;
  progress: Fig1ProgressFrame | null;
}
const noFig1: Fig1Results = { start: null, teachers: null, students: null, progress: null };

export function initResults(): NtkResults {
  return {
    theory: null,
    fig2: null,
    width: null,
    start: null,
    spectrumInit: null,
    spectrumEnd: null,
    metrics: [],
    progress: null,
    done: null,
    fig1: noFig1,
  };
}

export function reduce(r: NtkResults, f: NtkExperimentFrame): NtkResults {
  switch (f.kind) {
    case 'theory':
      return { ...r, theory: f };
    case 'fig2':
      return { ...r, fig2: f };
    case 'width':
      return { ...r, width: f };
    case 'start':
      return { ...r, start: f };
    case 'spectrum':
      return f.when === 'init' ? { ...r, spectrumInit: f } : { ...r, spectrumEnd: f };
    case 'metrics':
      // New array: the charts memoise on it.
      return { ...r, metrics: [...r.metrics, f], progress: null };
    case 'progress':
      return { ...r, progress: f };
    case 'done':
      return { ...r, done: f, progress: null };
    case 'fig1-start':
      return { ...r, fig1: { ...noFig1, start: f } };
    case 'fig1-progress':
      return { ...r, fig1: { ...r.fig1, progress: f } };
    case 'fig1-teachers':
      return { ...r, fig1: { ...r.fig1, teachers: f } };
    case 'fig1-students':
      return { ...r, fig1: { ...r.fig1, students: f, progress: null } };
  }
  return r;
}
