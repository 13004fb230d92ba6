import type {
  AnyComponentFamily,
  FamilyResolver,
  FamilySpec,
  FitDiagnostics,
  FitWarning,
  JsonValue,
  MissingPolicy,
  SerializedParams,
} from '@mixkit/core';
import { InvalidInputError } from '@mixkit/core';

/**
 * The JSON form of a fitted mixture. Families are listed once each (`families`) and components
 * refer to them by index, so components that shared a family object share it again after
 * `fromJSON` (which `estimateAll` and shared-parameter counting rely on).
 */
export type MixtureJson = {
  /** What the object is. */
  readonly kind: 'mixkit.mixture';
  /** The format version. */
  readonly version: 1;
  /** Number of columns of the data the mixture models. */
  readonly dimension: number;
  /** Mixing weights, for reading; `logWeights` are what the model computes with. */
  readonly weights: readonly number[];
  /** The log mixing weights, as the model computes with them. */
  readonly logWeights: readonly number[];
  /** Each distinct family once, as its spec (a type literal, so it stays a `JsonValue`). */
  readonly families: readonly {
    /** The family's kind. */
    readonly kind: string;
    /** The options it was created with. */
    readonly options: JsonValue;
  }[];
  /** Each component: the index of its family in `families`, and its parameters. */
  readonly components: readonly {
    /** Index into `families`. */
    readonly family: number;
    /** The parameters in the family's JSON form. */
    readonly params: SerializedParams;
  }[];
  /**
   * What the model does with missing cells (`MixtureModel.missing`); written only when it is
   * `'marginalize'`, read as `'error'` when absent.
   */
  readonly missing?: 'marginalize';
  /** The fit's diagnostics (core's `FitDiagnostics`, as a JSON-compatible type literal). */
  readonly diagnostics: {
    /** True when the best restart converged. */
    readonly converged: boolean;
    /** Iterations run by the best restart. */
    readonly iterations: number;
    /** The best restart's objective after each iteration. */
    readonly objective: readonly number[];
    /** Index of the restart that was kept. */
    readonly bestRestart: number;
    /** Final objective of every restart. */
    readonly restartObjectives: readonly number[];
    /** Warnings from all restarts. */
    readonly warnings: readonly FitWarning[];
  };
};

/** Serialises the parts of a mixture model. */
export function mixtureToJson(
  families: readonly AnyComponentFamily[],
  params: readonly unknown[],
  logWeights: Float64Array,
  dimension: number,
  diagnostics: FitDiagnostics,
  missing: MissingPolicy = 'error',
): MixtureJson {
  const distinct: AnyComponentFamily[] = [];
  const components = families.map((family, c) => {
    let index = distinct.indexOf(family);
    if (index < 0) index = distinct.push(family) - 1;
    return { family: index, params: family.paramsToJSON(params[c]) };
  });
  return {
    kind: 'mixkit.mixture',
    version: 1,
    dimension,
    weights: Array.from(logWeights, Math.exp),
    logWeights: Array.from(logWeights),
    families: distinct.map((family) => family.spec()),
    components,
    ...(missing === 'marginalize' ? { missing } : {}),
    diagnostics: {
      converged: diagnostics.converged,
      iterations: diagnostics.iterations,
      objective: [...diagnostics.objective],
      bestRestart: diagnostics.bestRestart,
      restartObjectives: [...diagnostics.restartObjectives],
      warnings: [...diagnostics.warnings],
    },
  };
}

/** The parts `mixtureFromJson` rebuilds. */
export interface ParsedMixture {
  readonly families: AnyComponentFamily[];
  readonly params: unknown[];
  readonly logWeights: Float64Array;
  readonly dimension: number;
  readonly diagnostics: FitDiagnostics;
  readonly missing: MissingPolicy;
}

/** Parses and checks a `MixtureJson` document, rebuilding families through `resolve`. */
export function mixtureFromJson(json: JsonValue, resolve: FamilyResolver): ParsedMixture {
  const argument = 'json';
  const fail = (reason: string): never => {
    throw new InvalidInputError({ argument }, reason);
  };
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('expected an object');
  const doc = json as Partial<Record<keyof MixtureJson, unknown>>;
  if (doc.kind !== 'mixkit.mixture') fail(`expected kind 'mixkit.mixture'`);
  if (doc.version !== 1) fail(`unsupported version ${String(doc.version)}`);
  const { dimension, logWeights, families, components, diagnostics } = doc;
  if (doc.missing !== undefined && doc.missing !== 'marginalize') {
    fail("missing must be 'marginalize' when present");
  }
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) {
    fail('dimension must be a positive integer');
  }
  if (!Array.isArray(families) || !Array.isArray(components) || !Array.isArray(logWeights)) {
    return fail('families, components and logWeights must be arrays');
  }
  if (components.length === 0 || logWeights.length !== components.length) {
    fail('expected one log weight per component');
  }
  const built = families.map((spec) => resolve(spec as FamilySpec));
  const componentFamilies = components.map((component, c) => {
    const family = built[(component as { family?: unknown }).family as number];
    if (family === undefined) fail(`component ${c} refers to an unknown family`);
    return family!;
  });
  const params = components.map((component, c) =>
    componentFamilies[c]!.paramsFromJSON((component as { params: SerializedParams }).params),
  );
  // JSON writes a zero weight's log (-Infinity) as null.
  if (logWeights.some((w) => typeof w !== 'number' && w !== null)) fail('bad logWeights');
  const d = (diagnostics ?? {}) as Partial<MixtureJson['diagnostics']>;
  return {
    families: componentFamilies,
    params,
    logWeights: Float64Array.from(logWeights as (number | null)[], (w) => w ?? -Infinity),
    dimension: dimension as number,
    missing: doc.missing === 'marginalize' ? 'marginalize' : 'error',
    diagnostics: {
      converged: d.converged === true,
      iterations: typeof d.iterations === 'number' ? d.iterations : 0,
      objective: Array.isArray(d.objective) ? d.objective : [],
      bestRestart: typeof d.bestRestart === 'number' ? d.bestRestart : 0,
      restartObjectives: Array.isArray(d.restartObjectives) ? d.restartObjectives : [],
      warnings: Array.isArray(d.warnings) ? d.warnings : [],
    },
  };
}
