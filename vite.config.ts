import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page's Content-Security-Policy. Everything is bundled, so scripts, workers, data and fonts
 * come from the page's own origin; wasm (tfjs's wasm backend) needs 'wasm-unsafe-eval' and nothing
 * needs 'unsafe-eval'. Inline styles stay allowed: KaTeX's markup carries style attributes.
 * Build only: the dev server injects inline scripts (React refresh). tests/e2e/csp.e2e.ts checks it.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspMetaTag(): Plugin {
  return {
    name: 'lab-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// Relative base: the built site works when served from any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), cspMetaTag()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
});
