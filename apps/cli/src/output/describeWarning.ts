import { describeWarning as describeFitWarning, type FitDiagnostics } from '@mixkit/core';
import { cliWording } from './cliWording.js';

/**
 * A fit's warnings as lines (core's sentences in the CLI's terms), with the option to change
 * where one helps. A fit that did not converge always says so here, also when its library
 * recorded no warning for it (`--max-iterations 0` only initialises).
 */
export function describeWarnings(diagnostics: FitDiagnostics): string[] {
  const lines = diagnostics.warnings.map((warning) => {
    const sentence = cliWording(describeFitWarning(warning));
    switch (warning.kind) {
      case 'not-converged':
        return `${sentence} (raise --max-iterations or --tolerance)`;
      case 'degenerate-component':
        // A singular covariance is what the Gaussian and Student-t regularisation prevents.
        return warning.reason === 'singular'
          ? `${sentence} (raise --reg-covar if this repeats)`
          : sentence;
      default:
        return sentence;
    }
  });
  const noted = diagnostics.warnings.some((warning) => warning.kind === 'not-converged');
  if (!diagnostics.converged && !noted) {
    lines.push(
      diagnostics.iterations === 0
        ? 'the fit did not converge: --max-iterations 0 only initialises'
        : `the fit did not converge in ${diagnostics.iterations} iterations (raise --max-iterations or --tolerance)`,
    );
  }
  return lines;
}
