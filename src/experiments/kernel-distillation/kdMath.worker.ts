import { serveOffThread } from '../../engine/offThread';
import { runKdMath } from './offThreadMath';

serveOffThread(runKdMath);
