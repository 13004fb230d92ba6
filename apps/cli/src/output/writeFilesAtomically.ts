import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from '../cliError.js';

/** A file to write: its final path and full contents. */
export interface PendingFile {
  readonly path: string;
  readonly contents: string;
}

/**
 * Writes every file to a temporary name in its own folder, then renames each into place. A
 * rename within one file system is atomic, so a reader never sees a half-written file, and when
 * any write fails no output appears at all (the temporary files are removed).
 */
export function writeFilesAtomically(files: readonly PendingFile[]): void {
  const staged: { temporary: string; path: string }[] = [];
  try {
    for (const file of files) {
      const temporary = join(
        dirname(file.path),
        `.${basename(file.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
      );
      staged.push({ temporary, path: file.path });
      writeFileSync(temporary, file.contents, { flag: 'wx' });
    }
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const target = staged[staged.length - 1]?.path ?? '';
    throw new CliError(`${target}: cannot write output (${code})`, 1);
  }
  for (const { temporary, path } of staged) renameSync(temporary, path);
}
