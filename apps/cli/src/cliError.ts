/**
 * A problem with the user's input or options, reported as one line (`mixkit: <message>`) with a
 * non-zero exit status. Anything else that escapes a command is a bug and is reported with its
 * stack.
 */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    /** Process exit status: 2 for bad usage or input (as commander uses for usage errors). */
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
