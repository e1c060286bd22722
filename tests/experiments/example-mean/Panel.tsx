import { LineChart } from '../../../src/charts';
import type { PanelProps } from '../../../src/experiments/types';
import type { Params } from './params';
import type { Results } from './index';

export function MeanPanel({ params, results }: PanelProps<Params, Results>) {
  const theory = results.n.map((n) => params.sigma * Math.sqrt(2 / (Math.PI * n)));
  return (
    <LineChart
      figureId="running-mean-error"
      title="error of the running mean"
      width={640}
      height={320}
      xLabel="samples n"
      yLabel="|mean − μ|"
      xScale="log"
      yScale="log"
      series={[
        { id: 'measured', label: 'measured', x: results.n, y: results.error },
        { id: 'theory', label: 'σ·√(2/(πn))', x: results.n, y: theory, dash: 'dashed' },
      ]}
    />
  );
}
