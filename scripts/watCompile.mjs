// The .wat → base64 step shared by the generator (make-wasm.mjs) and the staleness tests.
import wabtInit from 'wabt';

/** @param {string} name @param {string} wat @returns {Promise<string>} */
export async function watBase64(name, wat) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(name, wat, { simd: true });
  try {
    mod.validate();
    return Buffer.from(mod.toBinary({}).buffer).toString('base64');
  } finally {
    mod.destroy();
  }
}
