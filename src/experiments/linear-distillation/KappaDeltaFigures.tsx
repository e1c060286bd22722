import { memo, useMemo } from 'react';
import { LineChart, colors, type LineSeries } from '../../charts';
import { percent, sci } from '../../ui/format';
import { clampToField } from '../controls';
import type { PanelProps } from '../types';
import { fig } from './figures';
import type { FashionFrame, KappaFrame } from './frames';
import { fashionPairs, linearParamsSchema, type LinearParams } from './params';
import type { LinearResults } from './results';
import { ci95 } from './RiskVsNFigure';
import { boundAgainstKappa } from './math/theoryCurves';

const round3 = (v: number) => Number(v.toPrecision(3));
const clampKappa = clampToField(linearParamsSchema, 'kappa');
const clampDelta = clampToField(linearParamsSchema, 'delta');
type SetParam = PanelProps<LinearParams, LinearResults>['setParam'];

/** Fig. 3: risk of the distillation student against κ, with Theorem 3's bound. */
export const KappaFigure = memo(function KappaFigure({
  params,
  k,
  width,
  setParam,
}: {
  params: LinearParams;
  k: KappaFrame | null;
  width: number;
  setParam: SetParam;
}) {
  const { n, d } = params;
  const bound = useMemo(() => boundAgainstKappa(n, d), [n, d]);
  const series = useMemo(() => {
    const out: LineSeries[] = [];
    if (k && k.kappas.length)
      out.push({
        id: 'risk',
        label: 'student ŵ (measured)',
        x: k.kappas,
        y: k.risk.map((s) => s.mean),
        color: colors.measured,
        width: 2.5,
        band: ci95(k.risk),
      });
    if (n < d)
      out.push({
        id: 'bound',
        label: 'Theorem 3 bound',
        x: bound.kappas,
        y: bound.bound,
        color: colors.theory,
        dash: 'dashed',
        width: 2,
      });
    return out;
  }, [k, bound, n, d]);
  const first = k?.risk[0]?.mean;
  const lastRisk = k?.risk[k.risk.length - 1]?.mean;
  return (
    <div data-testid="fig3" style={{ width }}>
      <LineChart
        figureId={fig('risk-vs-kappa')}
        title={`(Fig. 3) risk vs κ, d = ${d}, n = ${n}`}
        series={series}
        width={width}
        height={340}
        xLabel="κ (angular alignment)"
        xScale="log"
        yLabel="expected transfer risk"
        yScale="log"
        marker={{
          x: params.kappa,
          label: 'κ',
          onChange: (v) => setParam('kappa', round3(clampKappa(v))),
        }}
        exportName="phuong-fig3-risk-vs-kappa"
        exportParams={params}
        testId="fig3-chart"
      />
      <p className="note" data-testid="fig3-note">
        {n >= d
          ? 'n ≥ d: the student recovers w* and the risk is 0 at every κ (Theorem 1): nothing to draw on a log axis.'
          : k && k.done
            ? `Band: 95 % interval of the mean. The risk falls from ${sci(first)} at κ = ${k.kappas[0]} to ${sci(lastRisk)} at κ = ${k.kappas[k.kappas.length - 1]} (${k.risk[0].n} transfer sets each), far below the bound (${sci(bound.bound[0])} … ${sci(bound.bound[bound.bound.length - 1])}): the bound is loose, the trend is the paper’s.`
            : 'sweeping κ…'}
      </p>
    </div>
  );
});

/** Fig. 4: risk of w_δ against δ on two Fashion-MNIST classes. */
export const DeltaFigure = memo(function DeltaFigure({
  params,
  f,
  width,
  setParam,
}: {
  params: LinearParams;
  f: FashionFrame | null;
  width: number;
  setParam: SetParam;
}) {
  const series = useMemo((): LineSeries[] => {
    if (!f || f.status !== 'done') return [];
    return [
      {
        id: 'risk',
        // One curve, named in the note: a legend would only cover it.
        label: '',
        x: f.deltas,
        y: f.risk.map((s) => s.mean),
        color: colors.measured,
        width: 2.5,
        band: ci95(f.risk),
      },
    ];
  }, [f]);
  const at = (dl: number) => (f && f.status === 'done' ? f.risk[f.deltas.indexOf(dl)]?.mean : NaN);
  return (
    <div data-testid="fig4" style={{ width }}>
      <LineChart
        figureId={fig('risk-vs-delta')}
        title={`(Fig. 4) risk vs δ, n = ${params.fmN}`}
        series={series}
        width={width}
        height={340}
        xLabel="δ (w_δ = ŵ + δ‖ŵ‖q/‖q‖)"
        yLabel="risk on the test images"
        xDomain={[0, 100]}
        marker={{
          x: params.delta,
          label: 'δ',
          onChange: (v) => setParam('delta', round3(clampDelta(v))),
        }}
        exportName="phuong-fig4-risk-vs-delta"
        exportParams={params}
        testId="fig4-chart"
      />
      <p className="note" data-testid="fig4-note">
        {!f
          ? 'waiting for the other figures…'
          : f.status === 'error'
            ? `Fig. 4 cannot run: ${f.message}`
            : f.status !== 'done'
              ? f.message
              : `${fashionPairs[params.fmPair].label.split(' (')[0]}; band: 95 % interval over transfer sets. Teacher: logistic regression on the even-numbered training images of the pair (test accuracy ${percent(f.teacherAccuracy)}); ${f.draws} transfer sets of ${f.n} images from the odd-numbered ones; risk = disagreement with the teacher on the ${f.testSize} test images. δ = 0 (the gradient-descent student ŵ, ${sci((f.angle * 180) / Math.PI)}° from w*): ${percent(at(0))}; δ = 90: ${percent(at(90))}. Every w_δ fits the transfer set equally well (Xᵀq = 0): only the optimisation bias differs. No bound of the paper applies to real images.`}
      </p>
    </div>
  );
});
