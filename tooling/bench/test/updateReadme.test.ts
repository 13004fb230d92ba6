import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { updateReadme } from '../src/harness/updateReadme.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function readme(content: string): string {
  dir = mkdtempSync(join(tmpdir(), 'mixkit-readme-'));
  const path = join(dir, 'README.md');
  writeFileSync(path, content);
  return path;
}

describe('updateReadme', () => {
  it('replaces only the marked block and nests the report headings under the section', () => {
    const path = readme(
      'intro\n## Performance\n<!-- bench:latest:start -->\nold\n<!-- bench:latest:end -->\nafter\n',
    );
    expect(updateReadme(path, '# mixkit benchmark (full)\n\n### A case\n\n| a |\n')).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('intro\n## Performance\n<!-- bench:latest:start -->')).toBe(true);
    expect(text.endsWith('<!-- bench:latest:end -->\nafter\n')).toBe(true);
    expect(text).toContain('\n### mixkit benchmark (full)\n');
    expect(text).toContain('\n##### A case\n');
    expect(text).not.toContain('old');
  });

  it('leaves a README without markers untouched', () => {
    const path = readme('no markers here\n');
    expect(updateReadme(path, '# report\n')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('no markers here\n');
  });
});
