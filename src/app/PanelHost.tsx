import { Suspense, useDeferredValue, useLayoutEffect, useMemo } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { useLab } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';
import { logPanelCommit } from '../ui/commitLog';

/**
 * The only component that follows the results: the header, the controls and the status line do not
 * re-render when a frame arrives. The panel's code is a lazy chunk, so it may suspend once.
 *
 * The panel renders from a deferred copy of the state: a slider dragged faster than the panel can draw
 * (its exact theory is computed in render) keeps answering, and React drops the renders a newer value
 * has made stale instead of queueing them.
 */
export function PanelHost({ def }: { def: AnyExperiment }) {
  countRender('PanelHost');
  const experimentId = useLab((s) => s.experimentId);
  const params = useLab((s) => s.params);
  const results = useLab((s) => s.results);
  const version = useLab((s) => s.version);
  const runKey = useLab((s) => s.runKey);
  // The store's setter, typed for the panel by PanelProps (the store refuses a key its schema lacks).
  const setParam = useLab((s) => s.setParam);
  const shown = useDeferredValue(
    useMemo(
      () => ({ experimentId, params, results, version, runKey }),
      [experimentId, params, results, version, runKey],
    ),
  );
  const Panel = def.Panel;
  // Same element, same render: the urgent pass (old deferred value) does not redraw the panel.
  const panel = useMemo(
    () => <Panel params={shown.params} results={shown.results} version={shown.version} setParam={setParam} />,
    [Panel, shown, setParam],
  );
  useLayoutEffect(() => {
    logPanelCommit({
      experimentId: shown.experimentId,
      params: shown.params,
      runKey: shown.runKey,
      version: shown.version,
    });
  }, [shown]);
  // Between a switch of experiment and the store's new results, never hand one paper's results to another's panel.
  if (shown.experimentId !== def.id) return null;
  return (
    <Suspense
      fallback={
        <p className="muted" data-testid="panel-loading">
          loading the figures…
        </p>
      }
    >
      <div data-testid="panel" data-experiment={def.id}>
        {panel}
      </div>
    </Suspense>
  );
}
