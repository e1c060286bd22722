import { startWorker } from './engine/workerEntry';
import { jobs } from './experiments/jobs';

startWorker(jobs);
