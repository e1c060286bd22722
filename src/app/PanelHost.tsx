import { Suspense, useDeferredValue, useEffect, useLayoutEffect, useMemo, useReducer } from 'react';
import type { AnyExperiment } from '../experiments/types';
import { useLab } from '../ui/storeContext';
import { countRender } from '../ui/renderCount';
import { logPanelCommit } from '../ui/commitLog';
import { clockOf, drawEnds, MAX_WAIT_MS, pickState } from './drawTimer';

/**
 * The only component that follows the results: the header, the controls and the status line do not
 * re-render when a frame arrives. The panel's code is a lazy chunk, so it may suspend once.
 *
 * Which state the panel draws, the latest or React's deferred copy, is drawTimer.ts's decision: a
 * changed parameter is drawn in the input's own task (the next frame shows it) unless the panel is
 * still busy with the previous one, in which case stale values are dropped instead of queued.
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
  const latest = useMemo(
    () => ({ experimentId, params, results, version, runKey }),
    [experimentId, params, results, version, runKey],
  );
  const deferred = useDeferredValue(latest);
  // The experiment's draw clock lives outside React's state on purpose (drawTimer.ts).
  const clock = clockOf(def.id);
  // eslint-disable-next-line react-hooks/purity -- a timing heuristic, see drawTimer.ts
  const shown = pickState(clock, latest, deferred, performance.now());
  const Panel = def.Panel;
  // Same element, same render: the urgent pass (old deferred value) does not redraw the panel.
  const panel = useMemo(
    () => <Panel params={shown.params} results={shown.results} version={shown.version} setParam={setParam} />,
    [Panel, shown, setParam],
  );
  useLayoutEffect(() => {
    drawEnds(clock, shown.params, performance.now());
    logPanelCommit({
      experimentId: shown.experimentId,
      params: shown.params,
      runKey: shown.runKey,
      version: shown.version,
    });
  }, [shown, clock]);
  // A change drawn from the deferred copy may be starved by frames streaming in: look again after
  // MAX_WAIT_MS, when drawTimer draws it at once.
  const [, recheck] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (shown.params === latest.params) return;
    const t = setTimeout(recheck, MAX_WAIT_MS + 1);
    return () => clearTimeout(t);
  }, [shown, latest]);
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
