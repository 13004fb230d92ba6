import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simdPeakBinary } from '../src/reference/simdPeakBinary.js';

describe('the f64x2 peak loop', () => {
  it('is simdPeak.wat assembled (run scripts/buildSimdPeak.mjs after editing)', () => {
    const before = readFileSync(new URL('../src/reference/simdPeakBinary.ts', import.meta.url));
    execFileSync(process.execPath, [
      new URL('../scripts/buildSimdPeak.mjs', import.meta.url).pathname,
    ]);
    const after = readFileSync(new URL('../src/reference/simdPeakBinary.ts', import.meta.url));
    expect(after.equals(before)).toBe(true);
  });

  it('runs and returns a finite sum of its twelve chains', () => {
    const bytes = Uint8Array.from(atob(simdPeakBinary), (ch) => ch.charCodeAt(0));
    const { peak } = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as {
      peak: (iterations: number, m: number, c: number) => number;
    };
    // Each chain starts at m (or c); two iterations: six products m³ and six sums 3c.
    expect(peak(2, 1.5, 0.5)).toBe(6 * 1.5 ** 3 + 6 * 1.5);
  });
});
