import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The text between `// #region example` and `// #endregion`. */
function region(source: string): string {
  const start = source.indexOf('// #region example\n') + '// #region example\n'.length;
  return source.slice(start, source.indexOf('// #endregion'));
}

describe('README example', () => {
  it('is quoted verbatim in README.md', () => {
    expect(read('../../README.md')).toContain(region(read('./example.ts')).trim());
  });

  it('runs and restores bit-identical log-densities', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { logDensity, again } = await import('./example.js');
    log.mockRestore();
    expect(logDensity.every(Number.isFinite)).toBe(true);
    expect(Array.from(again)).toEqual(Array.from(logDensity));
  });
});

describe('README Student-t and von Mises–Fisher example', () => {
  it('is quoted verbatim in README.md', () => {
    expect(read('../../README.md')).toContain(region(read('./latentExample.ts')).trim());
  });

  it('runs: ECME recovers ν near 3, the vMF estimate κ near 300', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { params, fitted } = await import('./latentExample.js');
    log.mockRestore();
    expect(Math.abs(params.dof / 3 - 1)).toBeLessThan(0.2);
    expect(Math.abs(params.location[0] - 1)).toBeLessThan(0.1);
    expect(Math.abs(fitted.concentration / 300 - 1)).toBeLessThan(0.05);
  });
});

describe('CONTRIBUTING.md', () => {
  it('quotes the contributed Weibull family and its test file verbatim', () => {
    const guide = read('../../CONTRIBUTING.md');
    expect(guide).toContain(read('../contributed/weibull.ts'));
    expect(guide).toContain(read('../contributed/weibull.test.ts'));
  });

  it('quotes the Laplace family (the weighted-median pattern) verbatim', () => {
    expect(read('../../CONTRIBUTING.md')).toContain(read('../contributed/laplace.ts'));
  });
});
