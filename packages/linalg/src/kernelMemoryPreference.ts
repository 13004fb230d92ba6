/**
 * Marks `value` (a component family, a clusterer's distance kernel, ...) as running faster on data
 * in kernel memory (`allocateKernelArrays`), where the WebAssembly SIMD kernels read operands in
 * place; returns the same object. A runner that sees the mark may copy its data there once per
 * fit (see `prefersKernelMemory`). Results must be the same bits either way, so the mark is a
 * performance hint kept inside linalg and the packages that use its kernels, not part of any
 * contract in `@mixkit/core`.
 */
export function preferKernelMemory<T extends object>(value: T): T {
  Object.defineProperty(value, kernelMemoryMark, { value: true, enumerable: false });
  return value;
}

/** Whether `value` was marked by `preferKernelMemory`. */
export function prefersKernelMemory(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { [kernelMemoryMark]?: unknown })[kernelMemoryMark] === true
  );
}

/** A registered symbol, so copies of linalg loaded twice (duplicate installs) agree on it. */
const kernelMemoryMark = Symbol.for('mixkit.linalg.prefersKernelMemory');
