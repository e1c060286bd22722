// first: before any schema parses (see the module)
import './schema/zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectEngine } from './app/runController';
import { StoreContext } from './ui/storeContext';
import { experiments } from './experiments';
import { createLabStore } from './store/labStore';
import './app/styles.css';

const store = createLabStore(experiments);
store.getState().loadHash(location.hash);
const makeWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const run = connectEngine(store, experiments, makeWorker);
// The bench/e2e hook (window.__labRunJob) exists only in builds made with VITE_LAB_HOOKS=1
// (`npm run test:e2e`, `npm run bench`); the shipped build (`npm run build`) has no such global.
if (import.meta.env.VITE_LAB_HOOKS === '1')
  void import('./app/benchHook').then((m) => {
    m.installBenchHook(makeWorker);
    m.installReliabilityHooks(store, run.engine);
  });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={{ store, run }}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
