import { serveOffThread } from '../../engine/offThread';
import { runNtkMath } from './spectrumMath';

serveOffThread(runNtkMath);
