import wabtInit from 'wabt';

/** The WebAssembly binary of a .wat text (SIMD enabled), base64-encoded. */
export async function assembleKernels(wat) {
  const wabt = await wabtInit();
  const module = wabt.parseWat('kernels.wat', wat, { simd: true });
  try {
    module.validate();
    const { buffer } = module.toBinary({ log: false, write_debug_names: false });
    return Buffer.from(buffer).toString('base64');
  } finally {
    module.destroy();
  }
}
