/**
 * Run-time specialisation of hot kernels for one dimension d.
 *
 * A loop over d columns whose bound is a run-time value keeps every operand in typed-array
 * memory: each multiply-add costs a bounds-checked load (and often a store). Unrolled for a
 * fixed d, the same arithmetic keeps the row, the factor and the running sums in local
 * variables, which V8's optimising compiler holds in registers or stack slots; on the E- and
 * M-step kernels that is 2 to 3 times faster (tooling/bench). The source is generated from
 * integers only (d and a row-block size), never from data or user strings.
 *
 * `new Function` is refused under a Content-Security-Policy without 'unsafe-eval' (it throws
 * an EvalError, or a TypeError under Trusted Types). The first refusal is remembered and every
 * kernel then runs its generic loop, which does the same floating-point operations in the same
 * order, so results do not depend on whether code generation was available.
 */

/** A compiled kernel: any function (the caller knows its exact signature). */
type Kernel = (...args: never[]) => unknown;

let enabled = true;
/** Learned at the first attempt: `false` once the environment refused `new Function`. */
let supported: boolean | undefined;
const kernels = new Map<string, Kernel>();
/** Bumped whenever compilation is turned on, so caches of earlier refusals are forgotten. */
let generation = 0;

/** Whether run-time kernels (generated functions, WebAssembly) may be used. */
export function kernelCompilationEnabled(): boolean {
  return enabled;
}

/** Changes each time compilation is turned (back) on: a cached refusal older than it is stale. */
export function kernelCompilationGeneration(): number {
  return generation;
}

/**
 * Turns run-time kernel specialisation on (the default) or off and returns the previous
 * setting. Turn it off to never call `new Function` nor compile WebAssembly (the SIMD kernels
 * of `allocateKernelArrays`), e.g. to avoid the violation reports a strict
 * Content-Security-Policy sends even though the refusal is caught; the generic loops give the
 * same results, more slowly. Turning it on again forgets an earlier refusal and the
 * kernels compiled so far.
 */
export function setKernelCompilation(enable: boolean): boolean {
  const previous = enabled;
  enabled = enable;
  if (enable) {
    supported = undefined;
    kernels.clear();
    generation++;
  }
  return previous;
}

/**
 * The kernel compiled from `parameters` and the body `source()` (called only on a cache miss),
 * cached under `key`; `undefined` when compilation is off or refused, so the caller runs its
 * generic loop.
 */
export function compileKernel<F extends Kernel>(
  key: string,
  parameters: readonly string[],
  source: () => string,
): F | undefined {
  if (!enabled || supported === false) return undefined;
  const cached = kernels.get(key);
  if (cached !== undefined) return cached as F;
  const body = source();
  let kernel: F;
  try {
    kernel = new Function(...parameters, body) as F;
  } catch {
    supported = false;
    return undefined;
  }
  supported = true;
  kernels.set(key, kernel);
  return kernel;
}
