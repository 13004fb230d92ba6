import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { DistributedError } from '../errors/distributedError.js';

/**
 * The real path of a source named in a payload, which must lie inside `root` (after following
 * links): a worker reads only the data directory it was given, whatever a job asks.
 */
export async function resolveSourcePath(path: string, root: string): Promise<string> {
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(resolve(realRoot, path));
  } catch (error) {
    throw new DistributedError('shard-source', `cannot open '${path}' under the data root`, {
      cause: error,
    });
  }
  const inside = relative(realRoot, real);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new DistributedError(
      'invalid-payload',
      `source '${path}' is outside the worker's data root`,
    );
  }
  return real;
}
