import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: the built site works when served from any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
});
