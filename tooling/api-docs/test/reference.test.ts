import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryPackages, repoRoot } from '../src/packageEntryPoints.mjs';

// The reference is this workspace's build output (turbo runs `build` before this test).
const dist = new URL('../dist', import.meta.url).pathname;
const site = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).homepage as string;
const page = (module: string) => `modules/${module.replace(/[^A-Za-z0-9-]/g, '_')}.html`;

/** Every README of the repository's own workspaces and the root. */
function readmes(): string[] {
  const found = [join(repoRoot, 'README.md')];
  for (const group of ['packages', 'apps', 'tooling']) {
    for (const name of readdirSync(join(repoRoot, group))) {
      const file = join(repoRoot, group, name, 'README.md');
      if (existsSync(file)) found.push(file);
    }
  }
  return found;
}

describe('the API reference', () => {
  const packages = libraryPackages();

  it('documents every entry point of every package under packages/', () => {
    expect(packages.length).toBeGreaterThanOrEqual(8);
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const pkg of packages) {
      for (const entry of pkg.entries) {
        expect(existsSync(join(dist, page(entry.module))), entry.module).toBe(true);
        expect(index).toContain(entry.module);
      }
    }
  });

  it('has a page for the exports it documents (a function, a class, an interface)', () => {
    expect(existsSync(join(dist, 'functions/_mixkit_em.fitMixture.html'))).toBe(true);
    expect(existsSync(join(dist, 'classes/_mixkit_core.InvalidInputError.html'))).toBe(true);
    expect(existsSync(join(dist, 'interfaces/_mixkit_core.Matrix.html'))).toBe(true);
  });

  it('is linked from every README: a package README links its own page, which exists', () => {
    expect(site).toMatch(/^https:\/\/.+\/$/);
    const byDir = new Map(packages.map((pkg) => [pkg.dir, pkg]));
    for (const file of readmes()) {
      const text = readFileSync(file, 'utf8');
      const pkg = byDir.get(join(file, '..'));
      const main = pkg?.entries[0];
      const expected = main ? `${site}api/${page(main.module)}` : `${site}api/`;
      expect(text, file).toContain(expected);
      if (main) expect(existsSync(join(dist, page(main.module))), expected).toBe(true);
    }
  });
});
