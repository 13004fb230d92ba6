import { describeWarning as describeFitWarning, type FitWarning } from '@mixkit/core';

/** A fit warning as one line (core's sentence), with the option to change where one helps. */
export function describeWarning(warning: FitWarning): string {
  const sentence = describeFitWarning(warning);
  return warning.kind === 'not-converged'
    ? `${sentence} (raise --max-iterations or --tolerance)`
    : sentence;
}
