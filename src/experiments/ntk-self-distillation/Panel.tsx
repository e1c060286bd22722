import { useMemo } from 'react';
import { LineChart, colors, palette, type LineChartProps, type LineSeries } from '../../charts';
import { Equation } from '../../ui/Equation';
import { percent, sci } from '../../ui/format';
import { useElementWidth } from '../../ui/useElementWidth';
import type { PanelProps } from '../types';
import { latestRuns } from './verdict';
import { fig } from './figures';
import type { NtkParams } from './params';
import type { RunMetrics } from './evaluator';
import type { NtkResults } from './results';
import { TeacherEpochsFigure } from './TeacherEpochsFigure';
import { NtkSchematic } from './Schematic';
import { SchematicDisclosure } from '../../ui/FlowDiagram';

const alphaLabel = { chance: 'chance-corrected α', paper: 'paper’s α', linear: 'linear α' } as const;
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

/** One chart of the panel: LineChart's props, half the panel wide unless `wide`, x the iteration by default. */
type ChartSpec = Omit<LineChartProps, 'width' | 'xLabel'> & { xLabel?: string; wide?: boolean };

/** Fig. 4's charts: one metric, normal training against self-distillation (series `<seriesId>-n`, `-s`). */
const fig4Metrics: {
  figureId: string;
  /** in the export name `dong-<name>` and the test id `ntk-<name>` */
  name: string;
  seriesId: string;
  title: string;
  get: (m: RunMetrics) => number;
  yLabel: string;
  yScale?: 'log';
}[] = [
  {
    figureId: fig('training-loss'),
    name: 'loss',
    seriesId: 'loss',
    title: 'training loss on the noisy labels',
    get: (m) => m.loss,
    yLabel: '½‖f − y‖²',
    yScale: 'log',
  },
  {
    figureId: fig('clean-accuracy'),
    name: 'clean-acc',
    seriesId: 'clean',
    title: 'accuracy on the clean training labels',
    get: (m) => m.cleanAccuracy,
    yLabel: 'accuracy',
  },
  {
    figureId: fig('l2-to-clean'),
    name: 'l2',
    seriesId: 'l2',
    title: 'ℓ2 distance to the clean labels',
    get: (m) => m.l2ToClean,
    yLabel: '‖f − y_clean‖/√n',
  },
  {
    figureId: fig('test-accuracy'),
    name: 'test-acc',
    seriesId: 'test',
    title: 'test accuracy',
    get: (m) => m.testAccuracy,
    yLabel: 'accuracy',
  },
];

export function NtkPanel({ params, results }: PanelProps<NtkParams, NtkResults>) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const half = width > 760 ? Math.floor((width - 16) / 2) : width;
  const { theory, fig2, start, metrics, done } = results;
  const it = metrics.map((m) => m.iteration);
  const noiseLabel = params.data === 'clusters' ? 'flip probability ρ' : 'symmetric noise p';
  const currentNoise = params.data === 'clusters' ? params.rho : params.p;

  // Spectrum: H∞ (all eigenvalues) against the live network's empirical NTK (top m).
  const spectrum = useMemo(() => {
    const spectrum: LineSeries[] = [];
    if (theory)
      spectrum.push({
        id: 'hinf',
        label: 'infinite-width H∞',
        x: range(theory.eigenvalues.length),
        y: theory.eigenvalues,
        color: colors.theory,
        width: 2,
      });
    if (results.spectrumInit)
      spectrum.push({
        id: 'emp0',
        label: `empirical H, width ${params.width}, at init`,
        x: range(results.spectrumInit.eigenvalues.length),
        y: results.spectrumInit.eigenvalues,
        color: colors.reference,
        dash: 'dashed',
      });
    if (results.spectrumEnd)
      spectrum.push({
        id: 'emp1',
        label: 'empirical H after training',
        x: range(results.spectrumEnd.eigenvalues.length),
        y: results.spectrumEnd.eigenvalues,
        color: colors.measured,
        dash: 'dotted',
      });
    return spectrum;
  }, [theory, results.spectrumInit, results.spectrumEnd, params.width]);

  const widthSeries = useMemo(() => {
    const widthSeries: LineSeries[] = [];
    if (results.width) {
      const w = results.width;
      widthSeries.push({
        id: 'dist',
        label: '‖H_k − H∞‖_F / ‖H∞‖_F at init',
        x: w.widths,
        y: w.distance,
        color: colors.measured,
        width: 2,
      });
      widthSeries.push({
        id: 'ref',
        label: '∝ 1/√k',
        x: w.widths,
        y: w.widths.map((k) => w.distance[0] * Math.sqrt(w.widths[0] / k)),
        color: '#888888',
        dash: 'dashed',
      });
    }
    return widthSeries;
  }, [results.width]);

  // Mean ± 1 sd over the draws as a band under the mean (memoised: it does not change while training runs).
  const fig2Series = useMemo((): LineSeries[] => {
    if (!fig2) return [];
    return [
      {
        id: 'ratio',
        label: `‖P_top${fig2.topK} y‖/‖y‖, mean ± 1 sd of ${fig2.draws} draws`,
        x: fig2.levels,
        y: fig2.mean,
        color: colors.measured,
        width: 2,
        band: { lo: fig2.mean.map((m, i) => m - fig2.std[i]), hi: fig2.mean.map((m, i) => m + fig2.std[i]) },
      },
    ];
  }, [fig2]);

  // AIR: each residual component decays like (1 − ηλ_i)^t.
  const air: LineSeries[] = [];
  if (start && theory && metrics.length > 0 && metrics[0].normal.air.length > 0) {
    const a0 = metrics[0].normal.air;
    a0.forEach((v0, i) => {
      const color = palette[i % palette.length];
      air.push({
        id: `m${i}`,
        label: `e_${i + 1}ᵀ(u_t − y), λ_${i + 1} = ${sci(theory.eigenvalues[i])}`,
        x: it,
        y: metrics.map((m) => Math.abs(m.normal.air[i] / v0)),
        color,
      });
      const q = Math.abs(1 - start.eta * theory.eigenvalues[i]);
      // Below float32 resolution the measurement cannot follow: stop the theory curve there.
      const ts = it.filter((t) => Math.pow(q, t) > 1e-7);
      air.push({ id: `t${i}`, label: '', x: ts, y: ts.map((t) => Math.pow(q, t)), color, dash: 'dashed' });
    });
  }

  const fits: LineSeries[] = [
    {
      id: 'fit-clean',
      label: 'clean labels fitted, ⟨u_t, ỹ⟩/‖ỹ‖²',
      x: it,
      y: metrics.map((m) => m.normal.cleanFit),
      color: colors.measured,
      width: 2,
    },
    {
      id: 'fit-clean-th',
      label: '',
      x: it,
      y: metrics.map((m) => m.theoryFit.clean),
      color: colors.measured,
      dash: 'dashed',
    },
    {
      id: 'fit-noise',
      label: 'label noise fitted, ⟨u_t, y − ỹ⟩/‖y − ỹ‖²',
      x: it,
      y: metrics.map((m) => m.normal.noiseFit ?? NaN),
      color: palette[1],
      width: 2,
    },
    {
      id: 'fit-noise-th',
      label: 'linearised prediction (dashed)',
      x: it,
      y: metrics.map((m) => m.theoryFit.noise ?? NaN),
      color: palette[1],
      dash: 'dashed',
    },
  ];
  const pair = (id: string, get: (m: RunMetrics) => number): LineSeries[] => [
    {
      id: `${id}-n`,
      label: 'normal training',
      x: it,
      y: metrics.map((m) => get(m.normal)),
      color: colors.normalTraining,
      width: 2,
      term: 'y',
    },
    {
      id: `${id}-s`,
      label: 'self-distillation (Alg. 1)',
      x: it,
      y: metrics.map((m) => get(m.selfDistill)),
      color: colors.selfDistillation,
      width: 2,
      term: 'h',
    },
  ];
  const fig5: LineSeries[] = [
    {
      id: 'gain',
      label: 'information gain: top-k ratio of ŷ_t − of y',
      x: it,
      y: metrics.map((m) => m.selfDistill.infoGain ?? NaN),
      color: palette[2],
      width: 2,
    },
    {
      id: 'alpha',
      label: 'α_t',
      x: it,
      y: metrics.map((m) => m.selfDistill.alpha),
      color: '#777777',
      dash: 'dashed',
      term: 'alpha',
    },
  ];
  const last = latestRuns(results); // what the claim line's verdict reads too

  // The figures, as data: each spec is one LineChart (half width unless `wide`; x the iteration unless
  // it says otherwise), laid out below in rows.
  const [spectrumChart, widthChart, fig2Chart, airChart, fitsChart, fig5Chart]: ChartSpec[] = [
    {
      figureId: fig('ntk-spectrum'),
      title: 'NTK spectrum: infinite width vs the live network',
      series: spectrum,
      height: 280,
      xLabel: 'eigenvalue index',
      yLabel: 'eigenvalue',
      yScale: 'log',
      xScale: 'log',
      exportName: 'dong-ntk-spectrum',
      testId: 'ntk-spectrum',
    },
    {
      figureId: fig('ntk-width'),
      title: 'Empirical NTK → H∞ as the width grows',
      series: widthSeries,
      height: 280,
      xLabel: 'width k',
      yLabel: 'relative Frobenius distance',
      yScale: 'log',
      xScale: 'log',
      exportName: 'dong-ntk-width',
      testId: 'ntk-width',
    },
    {
      figureId: fig('label-share'),
      title: `(Fig. 2) label share in the top-${params.topK} eigenspace${theory ? ` — current labels ${sci(theory.labelRatio)}, clean ${sci(theory.cleanRatio)}` : ''}`,
      series: fig2Series,
      height: 280,
      xLabel: noiseLabel,
      yLabel: '‖P_k y‖ / ‖y‖',
      yDomain: [0, 1.05],
      marker: { x: currentNoise, label: 'now' },
      exportName: 'dong-fig2',
      testId: 'ntk-fig2',
    },
    {
      figureId: fig('air-residuals'),
      title: 'AIR: residual along the top eigenvectors (solid) vs (1 − ηλ_i)^t (dashed)',
      series: air,
      height: 280,
      yLabel: '|e_iᵀ(u_t − y)| / |e_iᵀ(u_0 − y)|',
      yScale: 'log',
      exportName: 'dong-air',
      testId: 'ntk-air',
    },
    {
      figureId: fig('air-clean-vs-noise'),
      title:
        "AIR: normal training fits the clean signal first and the noise last (solid: measured, dashed: Σ_i (1 − (1 − ηλ_i)^t) along H∞'s eigenvectors)",
      series: fits,
      wide: true,
      height: 260,
      yLabel: 'fraction fitted',
      exportName: 'dong-air-clean-vs-noise',
      testId: 'ntk-air-fits',
    },
    {
      figureId: fig('information-gain'),
      title: '(Fig. 5) self-distillation gains information',
      series: fig5,
      wide: true,
      height: 240,
      yLabel: 'ratio difference / α',
      exportName: 'dong-fig5',
      testId: 'ntk-fig5',
    },
  ];
  // Fig. 4: one metric of both runs per chart.
  const fig4Charts = fig4Metrics.map(({ name, seriesId, get, ...rest }): ChartSpec => ({
    ...rest,
    series: pair(seriesId, get),
    height: 240,
    exportName: `dong-${name}`,
    testId: `ntk-${name}`,
  }));
  const chart = ({ wide, ...spec }: ChartSpec) => (
    <LineChart
      key={spec.testId}
      xLabel="iteration t"
      exportParams={params}
      {...spec}
      width={wide ? width : half}
    />
  );

  return (
    <div className="panel" ref={ref}>
      <section className="explain">
        <p>
          A two-layer network <Equation tex="f(W,x)=v^\top\phi(Wx)" /> (ReLU, fixed{' '}
          <Equation tex="v=\pm1/\sqrt k" />) trained by full-batch gradient descent fits the label components
          along the top eigenvectors of its neural tangent kernel first: the residual along{' '}
          <Equation tex="e_i" /> decays like <Equation tex="(1-\eta\lambda_i)^t" /> (anisotropic information
          retrieval). Label noise lives in the small eigenspaces. Algorithm 1 trains on{' '}
          <Equation tex="\hat y_t=\alpha_t y+(1-\alpha_t)\,h(f(x))" /> and so keeps what was learned early.
        </p>
      </section>
      {params.alphaRule === 'paper' && params.data === 'clusters' && (
        <p className="warn banner" data-testid="alpha-trap">
          The paper’s rule 1 − α_t = λ·acc on two classes: at initialisation the accuracy is already ≈ ½, so α
          drops to ≈ 1 − λ/2 at step 0 and the network locks in its random initial predictions. The
          chance-corrected rule (default) subtracts the chance level 1/C.
        </p>
      )}
      {params.etaScale >= 2 && (
        <p className="warn banner" data-testid="eta-edge">
          η·λ_max = {params.etaScale}: along the top eigenvector 1 − ηλ_max = {sci(1 - params.etaScale)}, so
          that component does not decay — it flips sign every step (the edge of stability). Below 2 it
          contracts; above 2 gradient descent diverges, which is why the slider stops at 2.
        </p>
      )}
      {metrics.some((m) => !Number.isFinite(m.normal.loss) || !Number.isFinite(m.selfDistill.loss)) && (
        <p className="warn banner" role="alert">
          Training diverged (the loss is no longer a finite number). Lower the step size.
        </p>
      )}
      {start?.notes.map((n) => (
        <p className="note" key={n}>
          {n}
        </p>
      ))}
      <div className="two-col">{[spectrumChart, widthChart].map(chart)}</div>
      <div className="two-col">{[fig2Chart, airChart].map(chart)}</div>
      {chart(fitsChart)}
      <SchematicDisclosure
        title="error flow of MentorNet, Co-teaching and Algorithm 1 (Fig. 3)"
        testId="ntk-schematic-box"
      >
        <NtkSchematic params={params} results={results} />
      </SchematicDisclosure>
      <h3 className="subhead">(Fig. 4) normal training vs self-distillation, same data and initialisation</h3>
      <div className="two-col">{fig4Charts.map(chart)}</div>
      {chart(fig5Chart)}
      <table className="theory-table" data-testid="ntk-summary">
        <thead>
          <tr>
            <th />
            <th>clean-label accuracy</th>
            <th>ℓ2 to clean labels</th>
            <th>test accuracy</th>
            <th>accuracy on the noisy labels</th>
          </tr>
        </thead>
        <tbody>
          {(['normal', 'selfDistill'] as const).map((run) => {
            const m = last?.[run];
            return (
              <tr key={run} data-testid={run === 'normal' ? 'ntk-row-normal' : 'ntk-row-sd'}>
                <th>
                  {run === 'normal'
                    ? 'normal training'
                    : `self-distillation (${alphaLabel[params.alphaRule]}, λ = ${params.lambda})`}
                </th>
                <td
                  data-testid={run === 'normal' ? 'normal-clean-acc' : 'sd-clean-acc'}
                  data-value={m?.cleanAccuracy}
                >
                  {percent(m?.cleanAccuracy)}
                </td>
                <td>{sci(m?.l2ToClean)}</td>
                <td>{percent(m?.testAccuracy)}</td>
                <td>{percent(m?.trainAccuracy)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="note">
        {start &&
          `n = ${start.n}, d = ${start.d}, ${start.outputs > 1 ? `${start.outputs} classes` : 'two classes'}, width ${start.width}, η = ${sci(start.eta)} (= ${params.etaScale}/λ_max, λ_max = ${sci(start.lambdaMax)}), ${percent(start.flippedFraction)} of the training labels flipped. `}
        {done && `${done.stepsPerSecond.toFixed(1)} GD steps/s (both runs batched).`}
        {results.progress &&
          ` training: iteration ${results.progress.iteration} of ${results.progress.iterations}…`}
      </p>
      {params.fig1 === 'on' && <TeacherEpochsFigure fig1={results.fig1} params={params} width={width} />}
    </div>
  );
}
