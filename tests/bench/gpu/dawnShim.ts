/**
 * Imported first by the GPU bench scripts: makes Dawn (the `webgpu` package) look like a browser's
 * WebGPU, before @tensorflow/tfjs-backend-webgpu is evaluated (it registers only when navigator.gpu
 * exists at import time).
 */
import { create, globals } from 'webgpu';

Object.assign(globalThis, globals);
// Module scope, kept: if the GPU instance is garbage-collected, Dawn stops delivering device events.
export const gpu = create([]);
Object.defineProperty(globalThis, 'navigator', {
  value: { gpu, userAgent: 'Node.js (dawn.node)', hardwareConcurrency: 1 },
  configurable: true,
  writable: true,
});
