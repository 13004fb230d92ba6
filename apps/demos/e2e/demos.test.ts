import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demos } from '../tsup.config.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

describe('the built demos run as scripts', () => {
  for (const name of Object.keys(demos)) {
    it(`node dist/${name}.js prints its report and exits 0`, () => {
      const result = spawnSync(process.execPath, [`${dist}${name}.js`], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const [heading, underline] = result.stdout.split('\n');
      expect(underline).toBe('='.repeat(heading?.length ?? 0));
      expect(result.stdout.split('\n').length).toBeLessThanOrEqual(32);
    });
  }
});
