import { Suspense } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { useLab } from './storeContext';
import { countRender } from './renderCount';

/**
 * The only component that follows the results: the header, the controls and the status line do not
 * re-render when a frame arrives. The panel's code is a lazy chunk, so it may suspend once.
 */
export function PanelHost({ def }: { def: AnyExperiment }) {
  countRender('PanelHost');
  const experimentId = useLab((s) => s.experimentId);
  const params = useLab((s) => s.params);
  const results = useLab((s) => s.results);
  const version = useLab((s) => s.version);
  // Between a switch of experiment and the store's new results, never hand one paper's results to another's panel.
  if (experimentId !== def.id) return null;
  const Panel = def.Panel;
  return (
    <Suspense
      fallback={
        <p className="muted" data-testid="panel-loading">
          loading the figures…
        </p>
      }
    >
      <Panel params={params} results={results} version={version} />
    </Suspense>
  );
}
