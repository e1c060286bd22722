import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installBenchHook } from './app/benchHook';
import { connectEngine } from './app/runController';
import { StoreContext } from './app/storeContext';
import { experiments } from './experiments';
import { createLabStore } from './store/labStore';
import './app/styles.css';

const store = createLabStore(experiments);
store.getState().loadHash(location.hash);
const makeWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const run = connectEngine(store, experiments, makeWorker);
installBenchHook(makeWorker);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={{ store, run }}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
