/** Exhaustiveness check for unions: the compiler rejects a call that can be reached. */
export function assertUnreachable(value: never, what = 'value'): never {
  throw new TypeError(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
