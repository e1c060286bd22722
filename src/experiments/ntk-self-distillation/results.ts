import type {
  NtkExperimentFrame,
  NtkFig2Frame,
  NtkMetricsWithTheory,
  NtkTheoryFrame,
  NtkWidthFrame,
} from './experimentJob';
import type { NtkDoneFrame, NtkProgressFrame, NtkSpectrumFrame, NtkStartFrame } from './trainJob';

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
}

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
  }
  return r;
}
