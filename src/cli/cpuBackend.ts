import * as tf from '@tensorflow/tfjs';

/**
 * The fastest CPU backend of tfjs in Node, made active: wasm (XNNPACK kernels, about 3–8× tfjs's
 * plain-JS cpu backend on these batched products) when it starts, else cpu.
 */
export async function cpuBackend(): Promise<'wasm' | 'cpu'> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (tf.getBackend() === 'wasm' || (await tf.setBackend('wasm'))) {
      await tf.ready();
      return 'wasm';
    }
  } catch {
    // fall through to cpu
  }
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}
