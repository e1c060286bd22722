// The .wat → base64 step shared by the generator and the staleness test.
import wabtInit from 'wabt';

/** @param {string} wat @returns {Promise<string>} */
export async function sgdPathWasmBase64(wat) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('sgdPath.wat', wat);
  try {
    mod.validate();
    return Buffer.from(mod.toBinary({}).buffer).toString('base64');
  } finally {
    mod.destroy();
  }
}
