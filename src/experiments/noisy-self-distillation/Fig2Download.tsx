import { downloadBlob } from '../../charts';
import type { PageParams } from './params';
import type { NoisyResults } from './results';
import { fig2Csv, fig2Data } from './fig2Data';
import type { RunSummary } from './summary';

/** Fig. 2's numbers as CSV or JSON (fig2Data.ts documents the shape), for overlaying on other runs. */
export function Fig2Download({
  rs,
  params,
  results,
}: {
  rs: RunSummary[];
  params: PageParams;
  results: NoisyResults;
}) {
  const last = results.checkpoints.at(-1);
  if (!last || rs.length === 0) return null;
  const t = results.teacher;
  const data = () =>
    fig2Data(
      rs,
      params.seeds,
      last.epoch,
      t && { valAcc: t.valAcc, testAcc: t.testAcc, gradNormSq: t.gradNormSq },
      params,
    );
  const name = `xiong-fig2-epoch${last.epoch}`;
  return (
    <p className="muted">
      Fig. 2 as data (one row per noise level: noise, level, gradNormSq, sd, valAcc, testAcc, …):{' '}
      <button
        type="button"
        data-testid="noisy-fig2-csv"
        onClick={() => downloadBlob(new Blob([fig2Csv(data())], { type: 'text/csv' }), `${name}.csv`)}
      >
        download CSV
      </button>{' '}
      <button
        type="button"
        data-testid="noisy-fig2-json"
        onClick={() =>
          downloadBlob(
            new Blob([JSON.stringify(data(), null, 1)], { type: 'application/json' }),
            `${name}.json`,
          )
        }
      >
        JSON
      </button>
    </p>
  );
}
