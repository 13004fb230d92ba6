import { randomBytes } from 'node:crypto';
import {
  closeSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../cliError.js';

/** An output file being written under a temporary name beside its final path. */
export interface StagedFile {
  /** Appends text (buffered; flushed as the buffer fills and on commit). */
  write(text: string): void;
}

interface Staged extends StagedFile {
  readonly path: string;
  readonly temporary: string;
  fd: number | undefined;
  flush(): void;
}

/**
 * A scratch file of the command (the out-of-core fit's spill): created empty, open for reading
 * and writing at `fd`, and removed whatever happens, like the temporary outputs.
 */
export interface ScratchFile {
  readonly path: string;
  readonly fd: number;
}

/** Bytes buffered per output file before a write to disk. */
const BUFFER_BYTES = 1 << 16;

/**
 * The outputs of one command, written so that a failed or interrupted run leaves nothing: the
 * final paths are checked before any work (not a folder, in an existing folder, not an input
 * file under any name, not each other), and each file is created at once under a temporary name
 * in its own folder (which proves the folder writable), filled while the command runs, and
 * renamed into place by `commit` only after everything worked (a rename within a folder is
 * atomic, so no reader ever sees half a file). `discard` removes every temporary file; it runs
 * on every error path, and on process exit as a last resort. Scratch files (`scratch`) live
 * under the same rules but are never renamed: `commit` and `discard` both remove them. Errors
 * are `CliError`s: exit 2 for an unusable path, 1 when writing fails (a full disk, say).
 */
export class StagedOutputs {
  private readonly staged: Staged[] = [];
  private readonly scratches: { path: string; fd: number | undefined }[] = [];
  private done = false;
  private readonly onExit = () => this.discard();

  /**
   * Checks `outputs` against each other and against `inputs` (files the command reads), and
   * creates their temporary files. Each entry names the option that chose the path.
   */
  constructor(
    outputs: readonly { readonly path: string; readonly option: string }[],
    inputs: readonly string[],
  ) {
    const inputStats = inputs.flatMap((input) => {
      const stats = statOrUndefined(input);
      return stats === undefined ? [] : [{ input, stats }];
    });
    const seen: { path: string; key: string }[] = [];
    for (const { path, option } of outputs) {
      const key = checkOutputPath(path, option, inputStats);
      const twin = seen.find((other) => other.key === key);
      if (twin !== undefined) {
        throw new CliError(`${option} ${path}: the same file as ${twin.path}, another output`);
      }
      seen.push({ path, key });
    }
    process.once('exit', this.onExit);
    try {
      for (const { path, option } of outputs) this.staged.push(createStaged(path, option));
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** The staged file for output `path` (one of those given to the constructor). */
  file(path: string): StagedFile {
    const found = this.staged.find((staged) => staged.path === path);
    if (found === undefined) throw new Error(`not a staged output: ${path}`);
    return found;
  }

  /**
   * Creates an empty scratch file in `folder` (named `<prefix>.<pid>.<random>.tmp`, readable by
   * its owner only), removed by `commit` and `discard`. `what` names it in errors, e.g.
   * `--spill-dir /tmp`; an unusable folder is a `CliError` (exit 2).
   */
  scratch(folder: string, prefix: string, what: string): ScratchFile {
    if (this.done) throw new Error('the outputs were already committed or discarded');
    const path = join(folder, `${prefix}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(path, 'wx+', 0o600);
    } catch (error) {
      throw new CliError(`${what}: cannot write in ${folder} (${folderFailure(error)})`);
    }
    this.scratches.push({ path, fd });
    return { path, fd };
  }

  /** Flushes and closes every file, then renames each into place. */
  commit(): void {
    this.removeScratches();
    try {
      for (const staged of this.staged) {
        staged.flush();
        closeSync(staged.fd as number);
        staged.fd = undefined;
      }
      for (const staged of this.staged) {
        renameSync(staged.temporary, staged.path);
        (staged as { temporary: string }).temporary = '';
      }
    } catch (error) {
      const renamed = this.staged.filter((staged) => staged.temporary === '');
      const failed = this.staged.find((staged) => staged.temporary !== '');
      this.discard();
      if (error instanceof CliError) throw error;
      throw writeFailure(
        failed?.path ?? '',
        error,
        renamed.length === 0
          ? 'nothing was written'
          : `only ${renamed.map((staged) => staged.path).join(' and ')} was written`,
      );
    }
    this.finish();
  }

  /** Removes every temporary file (idempotent; outputs already renamed stay). */
  discard(): void {
    this.removeScratches();
    for (const staged of this.staged) {
      if (staged.fd !== undefined) {
        try {
          closeSync(staged.fd);
        } catch {
          // already closed or never opened: nothing to release
        }
        staged.fd = undefined;
      }
      if (staged.temporary !== '') rmSync(staged.temporary, { force: true });
    }
    this.finish();
  }

  private removeScratches(): void {
    for (const scratch of this.scratches) {
      if (scratch.fd !== undefined) {
        try {
          closeSync(scratch.fd);
        } catch {
          // already closed: nothing to release
        }
        scratch.fd = undefined;
      }
      rmSync(scratch.path, { force: true });
    }
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    process.removeListener('exit', this.onExit);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks one output path and returns a key that is equal for two paths naming the same file
 * (the real path of its folder plus its name). Throws a `CliError` (exit 2) for a folder, a
 * path under a file or in a missing folder, or an input file (also through a symlink or a
 * hard link).
 */
function checkOutputPath(
  path: string,
  option: string,
  inputs: readonly { input: string; stats: Stats }[],
): string {
  const folder = dirname(resolve(path));
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOTDIR'
        ? `${option} ${path}: a part of the path is a file, not a folder`
        : code === 'ENOENT'
          ? `${option} ${path}: the folder ${dirname(path)} does not exist`
          : `${option} ${path}: cannot use the folder (${code ?? String(error)})`,
    );
  }
  if (!statSync(realFolder).isDirectory()) {
    throw new CliError(`${option} ${path}: a part of the path is a file, not a folder`);
  }
  const stats = statOrUndefined(path);
  if (stats?.isDirectory()) {
    throw new CliError(`${option} ${path}: is a folder; give a file name`);
  }
  // A device or a pipe (/dev/stdout, a FIFO) cannot be replaced by renaming a file onto it.
  if (stats !== undefined && !stats.isFile()) {
    throw new CliError(
      `${option} ${path}: is not a regular file (a device or a pipe); give a file name`,
    );
  }
  for (const { input, stats: inputStats } of inputs) {
    if (stats !== undefined && stats.dev === inputStats.dev && stats.ino === inputStats.ino) {
      throw new CliError(
        `${option} ${path}: is the input file ${input}${path === input ? '' : ' (under another name)'}; it would be overwritten`,
      );
    }
  }
  return join(realFolder, basename(path));
}

function createStaged(path: string, option: string): Staged {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o644);
  } catch (error) {
    throw new CliError(
      `${option} ${path}: cannot write in ${dirname(path)} (${folderFailure(error)})`,
    );
  }
  let buffer = '';
  const staged: Staged = {
    path,
    temporary,
    fd,
    write(text) {
      buffer += text;
      if (buffer.length >= BUFFER_BYTES) staged.flush();
    },
    flush() {
      if (buffer === '' || staged.fd === undefined) return;
      const bytes = Buffer.from(buffer);
      buffer = '';
      try {
        let written = 0;
        while (written < bytes.length) {
          written += writeSync(staged.fd, bytes, written, bytes.length - written);
        }
      } catch (error) {
        throw writeFailure(path, error);
      }
    },
  };
  return staged;
}

/** Why a file could not be created in a folder, in words. */
function folderFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM'
    ? 'permission denied'
    : code === 'EROFS'
      ? 'read-only file system'
      : code === 'ENOENT'
        ? 'no such folder'
        : code === 'ENOTDIR'
          ? 'not a folder'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : (code ?? String(error));
}

/** Why writing failed, in words. */
export function writeFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' ? 'no space left on the device' : (code ?? String(error));
}

function writeFailure(path: string, error: unknown, outcome = 'nothing was written'): CliError {
  return new CliError(`${path}: cannot write output (${writeFailureReason(error)}); ${outcome}`, 1);
}
