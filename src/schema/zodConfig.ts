import { z } from 'zod';

/**
 * Imported first by the page and the worker: zod's fast path probes `new Function`, which the page's
 * CSP (no 'unsafe-eval') reports as a violation even though zod catches the refusal. Without the
 * probe there is no report; parsing takes zod's plain path.
 */
z.config({ jitless: true });
