import type { FitDiagnostics } from '@mixkit/core';

/**
 * Diagnostics of an algorithm that runs once, without iterations or restarts (DBSCAN, OPTICS,
 * HDBSCAN): always converged, no objective trace, no warnings.
 */
export const SINGLE_PASS_DIAGNOSTICS: FitDiagnostics = Object.freeze({
  converged: true,
  iterations: 0,
  objective: Object.freeze([]) as readonly number[],
  bestRestart: 0,
  restartObjectives: Object.freeze([]) as readonly number[],
  warnings: Object.freeze([]) as readonly never[],
});
