// first: before any schema parses (see the module)
import './schema/zodConfig';
import { startWorker } from './engine/workerEntry';
import { collectJobs } from './experiments/registry';

// Each folder's jobs.ts is small (ids, schemas, a dynamic import): the job code itself is a lazy chunk.
startWorker(collectJobs(import.meta.glob('./experiments/*/jobs.ts', { eager: true })));
