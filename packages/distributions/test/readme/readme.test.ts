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

describe('CONTRIBUTING.md', () => {
  it('quotes the contributed Weibull family and its test file verbatim', () => {
    const guide = read('../../CONTRIBUTING.md');
    expect(guide).toContain(read('../contributed/weibull.ts'));
    expect(guide).toContain(read('../contributed/weibull.test.ts'));
  });
});
