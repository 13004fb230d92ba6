/** The WebAssembly binary of a .wat text (SIMD enabled), base64-encoded. */
export function assembleKernels(wat: string): Promise<string>;
