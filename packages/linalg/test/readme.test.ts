import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-linalg-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The README's ts block that mentions `marker`, with imports pointed at the sources, run. */
async function runExample(marker: string, name: string): Promise<unknown[][]> {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const block = blocks.find((b) => b.includes(marker));
  expect(block).toBeDefined();
  const source = (block ?? '')
    .replace("'@mixkit/linalg'", `'${join(packageDir, 'src/index.ts')}'`)
    .replace("'@mixkit/core'", `'${join(packageDir, '../core/src/index.ts')}'`);
  const file = join(scratch, name);
  writeFileSync(file, source);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import(/* @vite-ignore */ file);
  const calls = log.mock.calls;
  log.mockRestore();
  return calls;
}

describe('README', () => {
  it('the kernel-memory example runs and prints the same distances on the SIMD path', async () => {
    const calls = await runExample('allocateKernelArrays', 'kernelMemory.ts');
    expect(calls).toHaveLength(1);
    const [out, simd] = calls[0] as [Float64Array, boolean];
    expect(Array.from(out)).toEqual([1.5, 0.5, 8.5]);
    expect(simd).toBe(true);
  });

  it('the example runs as written and prints Mahalanobis distances that sum to n·d', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    // The scratch file lives outside the workspace, so point the package imports at the sources.
    const source = (match?.[1] ?? '')
      .replace("'@mixkit/linalg'", `'${join(packageDir, 'src/index.ts')}'`)
      .replace("'@mixkit/core'", `'${join(packageDir, '../core/src/index.ts')}'`);
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    expect(log).toHaveBeenCalledTimes(1);
    const [distances, logDet] = log.mock.calls[0] as [Float64Array, number];
    log.mockRestore();
    // With the maximum-likelihood covariance, Σ_i (x_i − μ)ᵀ Σ⁻¹ (x_i − μ) = n·d exactly
    // (trace of Σ⁻¹·Σ·n), up to the 1e-6 jitter.
    const sum = distances.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(4 * 2, 4);
    expect(Number.isFinite(logDet)).toBe(true);
  });
});
