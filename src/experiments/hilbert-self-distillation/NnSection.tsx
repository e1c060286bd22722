import { LineChart, colors, palette, type LineSeries } from '../../charts';
import { percent } from '../../ui/format';
import { useLab } from '../../ui/storeContext';
import type { PanelProps } from '../types';
import { fig } from './figures';
import type { HilbertParams } from './params';
import type { HilbertResults } from './results';

/** Mean as a solid line over a shaded band of mean ± one standard deviation over seeds. */
function band(
  id: string,
  label: string,
  x: number[],
  mean: number[],
  std: number[],
  color: string,
  withBand: boolean,
): LineSeries[] {
  return [
    {
      id,
      label,
      x,
      y: mean,
      color,
      width: 2,
      ...(withBand
        ? { band: { lo: mean.map((m, i) => m - std[i]), hi: mean.map((m, i) => m + std[i]) } }
        : {}),
    },
  ];
}

/** Fig. 4–6: rounds of self-distillation of a small network on Fashion-MNIST, trained in the worker. */
export function NnSection({
  params,
  results,
  setParam,
}: {
  params: HilbertParams;
  results: HilbertResults;
  setParam: PanelProps<HilbertParams, HilbertResults>['setParam'];
}) {
  const status = useLab((s) => s.status);
  const message = useLab((s) => s.statusMessage);
  const width = 860;
  if (params.nn === 'off')
    return (
      <section className="nn-section" data-testid="nn-section">
        <h3>Neural networks (Fig. 4–6)</h3>
        <p>
          The theory predicts that rounds of self-distillation with ℓ2 loss lower the training accuracy on the
          original labels round by round, while test accuracy first rises, then falls. Train an MLP on a
          4000-image Fashion-MNIST subset (shipped with the lab, loaded only now) in the worker and see.
        </p>
        <button type="button" onClick={() => setParam('nn', 'on')} data-testid="nn-start">
          Train networks
        </button>
      </section>
    );
  const rounds = results.rounds;
  const x = rounds.map((r) => r.round);
  const withBand = params.nnSeeds > 1;
  const series: LineSeries[] = [
    ...band(
      'train',
      'training accuracy on the original labels',
      x,
      rounds.map((r) => r.summary.trainAcc.mean),
      rounds.map((r) => r.summary.trainAcc.std),
      colors.measured,
      withBand,
    ),
    ...band(
      'test',
      'test accuracy',
      x,
      rounds.map((r) => r.summary.testAcc.mean),
      rounds.map((r) => r.summary.testAcc.std),
      colors.selfDistillation,
      withBand,
    ),
  ];
  const es = results.earlyStop;
  const esSeries: LineSeries[] = [];
  if (es) {
    const xs = es.summary.map((_, t) => t);
    esSeries.push({
      id: 'sd',
      label: 'self-distillation, round t',
      x,
      y: rounds.map((r) => r.summary.testAcc.mean),
      color: colors.selfDistillation,
      width: 2,
    });
    esSeries.push({
      id: 'es',
      label: 'trained from scratch, stopped at round t’s training loss',
      x: xs,
      y: es.summary.map((s) => (s.testAcc.n > 0 ? s.testAcc.mean : NaN)),
      color: palette[2],
      width: 2,
      dash: 'dashed',
    });
  }
  const p = results.progress;
  return (
    <section className="nn-section" data-testid="nn-section">
      <h3>
        Neural networks (Fig. 4–6): MLP, {params.nnHidden} hidden units,{' '}
        {params.nnLoss === 'l2' ? 'ℓ2 loss on softmax outputs' : 'cross-entropy'}, {params.nnSeeds} seed(s),
        Fashion-MNIST
      </h3>
      <p className="muted" data-testid="nn-progress">
        {status === 'error'
          ? `Training failed: ${message}`
          : p
            ? `${p.phase === 'distill' ? `round ${p.round} of ${params.nnRounds - 1}` : 'early-stopping runs'}: epoch ${p.epoch.toFixed(1)} / ${p.epochs}, training loss ${p.loss.toFixed(4)}`
            : results.done
              ? `done in ${(results.done.totalMs / 1000).toFixed(1)} s (per round: ${results.done.roundMs.map((m) => (m / 1000).toFixed(1)).join(', ')} s)`
              : status === 'starting'
                ? 'loading the data and starting…'
                : ''}
        <button type="button" onClick={() => setParam('nn', 'off')} style={{ marginLeft: 12 }}>
          stop networks
        </button>
      </p>
      <LineChart
        figureId={fig('network-rounds')}
        title="(Fig. 4) accuracy per self-distillation round (mean, dotted: ± 1 std over seeds)"
        series={series}
        width={width}
        height={300}
        xLabel="self-distillation round t"
        xIntegerTicks
        yLabel="accuracy"
        xDomain={[0, Math.max(params.nnRounds - 1, 1)]}
        exportName="mobahi-fig4-network-rounds"
        exportParams={params}
        testId="nn-rounds-chart"
      />
      {rounds.length > 0 && (
        <table className="theory-table" data-testid="nn-table">
          <thead>
            <tr>
              <th>round</th>
              <th>train acc. (original labels)</th>
              <th>test acc.</th>
              <th>ℓ2 loss on original labels</th>
              <th>time</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.round} data-testid={`nn-row-${r.round}`}>
                <td>{r.round}</td>
                <td>
                  {percent(r.summary.trainAcc.mean)} ± {percent(r.summary.trainAcc.std)}
                </td>
                <td>
                  {percent(r.summary.testAcc.mean)} ± {percent(r.summary.testAcc.std)}
                </td>
                <td>{r.summary.trainLossOrig.mean.toFixed(4)}</td>
                <td>{(r.ms / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {params.nnEarlyStop === 'on' && (
        <LineChart
          figureId={fig('early-stopping')}
          title="(Fig. 6) test accuracy: self-distillation vs early stopping at the same training loss"
          series={esSeries}
          width={width}
          height={280}
          xLabel="round t (whose training loss sets the stop)"
          xIntegerTicks
          yLabel="test accuracy"
          xDomain={[0, Math.max(params.nnRounds - 1, 1)]}
          exportName="mobahi-fig6-early-stopping"
          exportParams={params}
          testId="nn-es-chart"
        />
      )}
    </section>
  );
}
