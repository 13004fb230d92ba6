import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CliError } from '../cliError.js';
import type { FitSettings } from './fitSettings.js';

/**
 * `--spill-dir <dir>` and `--no-spill`: the folder of an out-of-core fit's spill file (default
 * the system's temporary folder, `os.tmpdir()`), or none. A folder given is checked before any
 * work (it exists and is a folder); whether it is writable shows when the spill is created.
 */
export function parseSpillDir(dir: string | undefined, spill: boolean): FitSettings['spill'] {
  if (!spill) {
    if (dir !== undefined) {
      throw new CliError(`--spill-dir ${dir}: contradicts --no-spill; give one of them`);
    }
    return undefined;
  }
  if (dir === undefined) {
    const fallback = tmpdir();
    return { dir: fallback, origin: `--spill-dir ${fallback} (the default)` };
  }
  let folder: boolean;
  try {
    folder = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `--spill-dir ${dir}: no such folder`
        : `--spill-dir ${dir}: cannot use the folder (${code ?? String(error)})`,
    );
  }
  if (!folder) throw new CliError(`--spill-dir ${dir}: is a file, not a folder`);
  return { dir, origin: `--spill-dir ${dir}` };
}
