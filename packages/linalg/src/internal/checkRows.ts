import { checkDimension, checkMinLength } from './checks.js';

/** Checks an n x k row-major block held at the start of `A`. */
export function checkRowBlock(n: number, k: number, A: ArrayLike<number>, argument = 'A'): void {
  checkDimension(n, 'n');
  checkDimension(k, 'k');
  checkMinLength(A, n * k, argument);
}
