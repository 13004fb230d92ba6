import { assertUnreachable } from '../assertUnreachable.js';
import type { FitWarning } from '../fitResult.js';

/**
 * A fit warning as one readable sentence, the same in every app (components are numbered as
 * labels are, from 0). Apps may add their own advice, e.g. which option to raise.
 */
export function describeWarning(warning: FitWarning): string {
  switch (warning.kind) {
    case 'not-converged':
      return `restart ${warning.restart} did not converge in ${warning.iterations} iterations`;
    case 'empty-component':
      return `restart ${warning.restart}, iteration ${warning.iteration}: component ${warning.component} became empty (${warning.action})`;
    case 'degenerate-component':
      return `restart ${warning.restart}, iteration ${warning.iteration}: component ${warning.component} was degenerate, ${warning.reason} (${warning.action})`;
    case 'regularization-dominates':
      return `${warning.family}: the regularisation ${warning.regCovar} is at least the variance ${warning.variance} of column ${warning.column}, so it swamps that column (use a relative regCovar, or rescale the column)`;
    default:
      return assertUnreachable(warning, 'warning');
  }
}
