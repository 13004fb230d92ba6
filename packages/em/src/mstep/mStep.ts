import {
  type AnyComponentFamily,
  type DegeneracyAction,
  type DegeneracyReason,
  DegenerateComponentError,
  type FitWarning,
} from '@mixkit/core';
import type { WorstRows } from '../estep/worstRows.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import {
  globalShare,
  type ReseedRows,
  reseedStats,
  scaledGlobalStats,
  worstOfPass,
  worstOfWholeData,
} from './reseedComponent.js';

/** Fixed per-fit settings the M-step reads. */
export interface MStepSettings {
  /** 1 for components whose parameters never change after initialisation. */
  readonly frozen: Uint8Array;
  /** Keep the mixing weights at their initial values. */
  readonly freezeWeights: boolean;
  /** Dirichlet concentration of the weight prior (1 = maximum likelihood). */
  readonly weightConcentration: number;
}

/** Where in the fit this M-step runs, for warnings. */
export interface MStepContext {
  readonly restart: number;
  /** 0 for the initial M-step. */
  readonly iteration: number;
  /** The worst-explained rows of the last pass, or undefined at initialisation. */
  readonly worst: WorstRows | undefined;
  readonly warnings: FitWarning[];
}

/** The restart and iteration a warning names. */
interface FitPosition {
  readonly restart: number;
  readonly iteration: number;
}

/**
 * A component whose responsibility total is below this share of the total weight is empty:
 * its statistics carry no information worth estimating from.
 */
const emptyShare = 1e-10;

/**
 * The M-step from the statistics and totals in `workspace`: new parameters per component
 * (`estimateAll` per family group when the family has it, else `estimate`), then mixing
 * weights from the totals. Empty and degenerate components are re-seeded (or keep their
 * previous parameters), each event reported as a `FitWarning`. `params` and `logWeights` are
 * updated in place; `previous` params are undefined at initialisation, where an unrecoverable
 * degeneracy is thrown.
 */
export function mStep(
  workspace: EmWorkspace,
  params: unknown[],
  logWeights: Float64Array,
  settings: MStepSettings,
  context: MStepContext,
): void {
  const { groups, stats, totals, totalWeight } = workspace;
  const { frozen } = settings;
  const usedRows = new Set<number>();
  const { worst } = context;
  const initialising = worst === undefined;
  const scoresFor = (family: AnyComponentFamily): ReseedRows =>
    worst === undefined ? worstOfWholeData(workspace, family) : worstOfPass(worst);
  const warn = (warning: FitWarning): void => {
    context.warnings.push(warning);
  };
  const where = { restart: context.restart, iteration: context.iteration };

  for (const { family, components } of groups) {
    for (const c of components) {
      if (frozen[c] === 1 && !initialising) continue;
      if (totals[c] > emptyShare * totalWeight) continue;
      const seeded = reseedStats(workspace, family, scoresFor(family), usedRows);
      stats[c] = seeded ?? scaledGlobalStats(workspace, family, totalWeight / workspace.k);
      totals[c] = family.totalWeight(stats[c]);
      warn({ kind: 'empty-component', ...where, component: c, action: 'reseeded' });
    }
    const active = components.filter((c) => frozen[c] !== 1 || initialising);
    if (active.length === 0) continue;
    if (family.estimateAll !== undefined) {
      estimateGroup(workspace, family, components, active, params, where, warn, initialising);
      continue;
    }
    for (const c of active) {
      try {
        params[c] = family.estimate(stats[c], initialising ? undefined : params[c]);
      } catch (error) {
        const reason = degeneracy(error);
        const recovered = reseedEstimate(workspace, family, scoresFor(family), usedRows);
        if (recovered !== undefined) {
          params[c] = recovered.params;
          totals[c] = recovered.weight;
          warn(degenerateWarning(where, c, reason, 'reseeded'));
        } else if (!initialising) {
          warn(degenerateWarning(where, c, reason, 'kept-previous'));
        } else {
          throw error;
        }
      }
    }
  }
  if (!settings.freezeWeights || initialising) updateWeights(totals, logWeights, settings);
}

/**
 * The M-step of a family with `estimateAll` (parameters shared across its components). When it
 * is degenerate, each active component's statistics get a small scaled copy of the whole
 * data's (a family-agnostic regularisation) and it is retried; when that fails too, the
 * components keep their previous parameters (or, at initialisation, the error is thrown).
 */
function estimateGroup(
  workspace: EmWorkspace,
  family: AnyComponentFamily,
  components: readonly number[],
  active: readonly number[],
  params: unknown[],
  where: FitPosition,
  warn: (warning: FitWarning) => void,
  initialising: boolean,
): void {
  const { stats } = workspace;
  const assign = (estimates: unknown[]): void => {
    for (const c of active) params[c] = estimates[components.indexOf(c)];
  };
  // Every component of the group has parameters once initialised (frozen ones keep theirs).
  const previous = initialising ? undefined : components.map((c) => params[c]);
  try {
    assign(
      family.estimateAll!(
        components.map((c) => stats[c]),
        previous,
      ),
    );
    return;
  } catch (error) {
    const reason = degeneracy(error);
    const share = (globalShare * workspace.totalWeight) / workspace.positiveRows;
    for (const c of active) {
      stats[c] = family.merge(stats[c], scaledGlobalStats(workspace, family, share));
    }
    try {
      assign(
        family.estimateAll!(
          components.map((c) => stats[c]),
          previous,
        ),
      );
      for (const c of active) warn(degenerateWarning(where, c, reason, 'reseeded'));
    } catch (retryError) {
      degeneracy(retryError);
      if (initialising) throw error;
      for (const c of active) warn(degenerateWarning(where, c, reason, 'kept-previous'));
    }
  }
}

/** The warning that component `component` was degenerate, and what was done about it. */
function degenerateWarning(
  where: FitPosition,
  component: number,
  reason: DegeneracyReason,
  action: DegeneracyAction,
): FitWarning {
  return { kind: 'degenerate-component', ...where, component, reason, action };
}

/** Rethrows anything that is not a `DegenerateComponentError`; returns its reason. */
function degeneracy(error: unknown): DegeneracyReason {
  if (DegenerateComponentError.isInstance(error)) return error.reason;
  throw error;
}

/** Tries re-seeded statistics, then the whole data's; undefined when both are degenerate. */
function reseedEstimate(
  workspace: EmWorkspace,
  family: AnyComponentFamily,
  rowScores: ReseedRows,
  usedRows: Set<number>,
): { params: unknown; weight: number } | undefined {
  const candidates = [
    reseedStats(workspace, family, rowScores, usedRows),
    scaledGlobalStats(workspace, family, workspace.totalWeight / workspace.k),
  ];
  for (const stats of candidates) {
    if (stats === undefined) continue;
    try {
      return { params: family.estimate(stats), weight: family.totalWeight(stats) };
    } catch (error) {
      degeneracy(error);
    }
  }
  return undefined;
}

/**
 * Mixing weights from responsibility totals: the MAP estimate under a symmetric
 * Dirichlet(alpha) prior, `(N_k + alpha - 1) / (N + k (alpha - 1))`; alpha = 1 is the
 * maximum-likelihood `N_k / N`.
 */
function updateWeights(
  totals: Float64Array,
  logWeights: Float64Array,
  settings: MStepSettings,
): void {
  const k = totals.length;
  const extra = settings.weightConcentration - 1;
  let sum = 0;
  for (let c = 0; c < k; c++) sum += totals[c];
  const denominator = sum + k * extra;
  for (let c = 0; c < k; c++) logWeights[c] = Math.log((totals[c] + extra) / denominator);
}
