import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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

/**
 * Installable and offline: a web app manifest, and a Workbox service worker that precaches every built
 * file — the app, every experiment's chunk, the worker, tfjs's .wasm binaries, KaTeX's fonts and the
 * Fashion-MNIST subset — so after one visit the page opens and runs every experiment with no network.
 * 'prompt': a new deployment waits until the page's "new version" notice is accepted (src/app/UpdateNotice.tsx).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  includeAssets: ['icons/icon.svg'],
  manifest: {
    name: 'Distillation Lab',
    short_name: 'Distillation Lab',
    description:
      'The theory of knowledge distillation and self-distillation, drawn exactly over live training runs.',
    theme_color: '#1d3557',
    background_color: '#ffffff',
    display: 'standalone',
    start_url: './',
    scope: './',
    icons: [
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,wasm,json,bin,woff2,woff,ttf}'],
    // tfjs's threaded wasm and the Fashion-MNIST subset are a few MB each
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
  },
});

// Relative base: the built site works when served from any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), cspMetaTag(), pwa],
  worker: { format: 'es' },
  // manifest: the bench attributes chunks to experiments (dist/.vite/manifest.json, not served or precached)
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, manifest: true },
  server: { port: 5173 },
});
