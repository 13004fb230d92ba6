import type { FitWarning } from '@mixkit/core';
import { assertUnreachable } from '@mixkit/core';

/** A fit warning as one readable line. */
export function describeWarning(warning: FitWarning): string {
  switch (warning.kind) {
    case 'not-converged':
      return `restart ${warning.restart} did not converge in ${warning.iterations} iterations (raise --max-iterations or --tolerance)`;
    case 'empty-component':
      return `restart ${warning.restart}, iteration ${warning.iteration}: component ${warning.component} became empty (${warning.action})`;
    case 'degenerate-component':
      return `restart ${warning.restart}, iteration ${warning.iteration}: component ${warning.component} was degenerate, ${warning.reason} (${warning.action})`;
    default:
      return assertUnreachable(warning, 'warning');
  }
}
