import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A package README's ```ts examples, run as written: each block is written to a scratch file
 * with its `'@mixkit/<name>'` imports pointed at that package's sources (the file lives outside
 * the workspace, where the packages would not resolve), imported, and what it printed with
 * `console.log` is returned, so a test can check the output the README shows. One home for
 * every package's README test.
 */
export class ReadmeExamples {
  /** Every ```ts block of the README, in order. */
  readonly blocks: readonly string[];
  private readonly text: string;
  private readonly packagesDir: string;
  private scratch: string | undefined;

  /** `packageDir`: the folder holding README.md (e.g. `new URL('..', import.meta.url)`). */
  constructor(packageDir: string | URL) {
    const dir = packageDir instanceof URL ? packageDir.pathname : packageDir;
    this.text = readFileSync(join(dir, 'README.md'), 'utf8');
    this.blocks = [...this.text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    this.packagesDir = resolve(dir, '../../packages');
  }

  /** The ```text block shown right after code block `index` (the README's stated output). */
  shownOutput(index: number): string {
    const block = this.blocks[index] ?? '';
    const after = this.text.slice(this.text.indexOf(block) + block.length);
    return /^```\n+```text\n([\s\S]*?)```/.exec(after)?.[1] ?? '';
  }

  /** Runs block `index` and returns the arguments of every `console.log` call it made. */
  async run(index: number): Promise<unknown[][]> {
    const packages = new Set(readdirSync(this.packagesDir));
    const source = (this.blocks[index] ?? '').replace(
      /(['"])@mixkit\/([a-z-]+)\1/g,
      (whole, _quote: string, name: string) =>
        packages.has(name) ? `'${join(this.packagesDir, name, 'src/index.ts')}'` : whole,
    );
    this.scratch ??= mkdtempSync(join(tmpdir(), 'mixkit-readme-'));
    const file = join(this.scratch, `example${index}.ts`);
    writeFileSync(file, source);
    const calls: unknown[][] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => {
      calls.push(args);
    };
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      console.log = log;
    }
    return calls;
  }

  /** Removes the scratch files (call from `afterAll`). */
  dispose(): void {
    if (this.scratch !== undefined) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }
}
