import { basename, dirname, extname, join } from 'node:path';

/** `dir/data.csv` -> `dir/data<suffix>`: outputs go next to the input by default. */
export function siblingPath(input: string, suffix: string): string {
  const name = basename(input, extname(input));
  return join(dirname(input), `${name}${suffix}`);
}
