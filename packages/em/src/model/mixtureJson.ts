import {
  type AnyComponentFamily,
  type FamilyResolver,
  type FamilySpec,
  type FitDiagnostics,
  type FitWarning,
  fitDiagnosticsFromJson,
  InvalidInputError,
  type JsonValue,
  type MissingPolicy,
  MixkitError,
  type SerializedParams,
} from '@mixkit/core';

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

/** A JSON object's fields, or an `InvalidInputError` naming `path`. */
function objectAt(json: unknown, path: string): Readonly<Record<string, unknown>> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InvalidInputError(
      { argument: path, value: json as JsonValue },
      'expected a JSON object',
    );
  }
  return json as Readonly<Record<string, unknown>>;
}

function arrayAt(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidInputError(
      { argument: path, value: value as JsonValue },
      'expected a non-empty array',
    );
  }
  return value;
}

/**
 * Runs `read` (a family's factory or `paramsFromJSON`) and re-throws its problems as an
 * `InvalidInputError` whose argument is the path of the field in the whole document:
 * `json.mean` from a family's reader becomes `json.components[1].params.mean`, `spec.options`
 * becomes `json.families[0].options`, an option's own name goes under `options`.
 */
function at<T>(path: string, prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (InvalidInputError.isInstance(error)) {
      const argument = error.argument;
      const field =
        argument === prefix || argument.startsWith(`${prefix}.`)
          ? `${path}${argument.slice(prefix.length)}`
          : `${path}${prefix === 'spec' ? '.options' : ''}.${argument}`;
      throw new InvalidInputError(
        { argument: field, row: error.row, column: error.column, value: error.value },
        error.message,
      );
    }
    if (MixkitError.isInstance(error)) throw error;
    throw new InvalidInputError(
      { argument: path },
      `could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Parses a `MixtureJson` document, strictly, rebuilding families through `resolve`. Every
 * field is checked: the kind and version, a positive integer dimension, each family spec
 * (through `resolve`), each component's family index and parameters (through the family's
 * `paramsFromJSON`) and their dimension against the model's, log weights that are numbers (or
 * null, a zero weight, written so by JSON) and normalise to 1 within 1e-9, `weights` equal to
 * their exponentials (the model computes with `logWeights`), the `missing` policy
 * (`'marginalize'` or absent), and the diagnostics. A problem is
 * an `InvalidInputError` whose argument is the path of the bad field, e.g.
 * `json.components[1].params.mean`, so a damaged or hand-edited model is refused at loading
 * rather than blaming the data later.
 */
export function mixtureFromJson(json: JsonValue, resolve: FamilyResolver): ParsedMixture {
  const doc = objectAt(json, 'json');
  if (doc.kind !== 'mixkit.mixture') {
    throw new InvalidInputError(
      { argument: 'json.kind', value: doc.kind as JsonValue },
      "expected 'mixkit.mixture'",
    );
  }
  if (doc.version !== 1) {
    throw new InvalidInputError(
      { argument: 'json.version', value: doc.version as JsonValue },
      'unsupported version (this build reads version 1)',
    );
  }
  const dimension = doc.dimension;
  if (doc.missing !== undefined && doc.missing !== 'marginalize') {
    throw new InvalidInputError(
      { argument: 'json.missing', value: doc.missing as JsonValue },
      "expected 'marginalize' when present (a model fitted without missing cells has no field)",
    );
  }
  if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) {
    throw new InvalidInputError(
      { argument: 'json.dimension', value: dimension as JsonValue },
      'expected a positive integer',
    );
  }
  const built = arrayAt(doc.families, 'json.families').map((spec, i) => {
    const path = `json.families[${i}]`;
    const fields = objectAt(spec, path);
    if (typeof fields.kind !== 'string') {
      throw new InvalidInputError(
        { argument: `${path}.kind`, value: fields.kind as JsonValue },
        'expected a string',
      );
    }
    return at(path, 'spec', () => resolve(spec as FamilySpec));
  });
  const components = arrayAt(doc.components, 'json.components');
  const families: AnyComponentFamily[] = [];
  const params = components.map((component, c) => {
    const path = `json.components[${c}]`;
    const fields = objectAt(component, path);
    const index = fields.family;
    const family = typeof index === 'number' && Number.isInteger(index) ? built[index] : undefined;
    if (family === undefined) {
      throw new InvalidInputError(
        { argument: `${path}.family`, value: index as JsonValue },
        `expected the index of one of the ${built.length} families`,
      );
    }
    families.push(family);
    const value = at(`${path}.params`, 'json', () =>
      family.paramsFromJSON(objectAt(fields.params, `${path}.params`) as SerializedParams),
    );
    const described = family.dimension(value);
    if (described !== dimension) {
      throw new InvalidInputError(
        { argument: `${path}.params`, value: described },
        `the parameters describe ${described} columns but the model's dimension is ${dimension}`,
      );
    }
    return value;
  });
  const logWeights = readLogWeights(doc, components.length);
  return {
    families,
    params,
    logWeights,
    dimension,
    diagnostics: fitDiagnosticsFromJson(doc.diagnostics, 'json.diagnostics'),
    missing: doc.missing === 'marginalize' ? 'marginalize' : 'error',
  };
}

/** The log weights, checked (numbers or null, normalised) and checked against `weights`. */
function readLogWeights(doc: Readonly<Record<string, unknown>>, k: number): Float64Array {
  const raw = doc.logWeights;
  if (!Array.isArray(raw) || raw.length !== k) {
    throw new InvalidInputError(
      { argument: 'json.logWeights', value: raw as JsonValue },
      `expected one log weight per component (${k})`,
    );
  }
  const logWeights = new Float64Array(k);
  let total = 0;
  raw.forEach((value: unknown, c) => {
    // JSON writes a zero weight's log (-Infinity) as null.
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value > 0)) {
      throw new InvalidInputError(
        { argument: 'json.logWeights', row: c, value: value as JsonValue },
        'expected a finite number <= 0 (or null for a zero weight)',
      );
    }
    logWeights[c] = value === null ? Number.NEGATIVE_INFINITY : value;
    total += Math.exp(logWeights[c]);
  });
  if (!(Math.abs(total - 1) <= 1e-9)) {
    throw new InvalidInputError(
      { argument: 'json.logWeights', value: total },
      'the mixing weights (their exponentials) must sum to 1',
    );
  }
  const weights = doc.weights;
  if (!Array.isArray(weights) || weights.length !== k) {
    throw new InvalidInputError(
      { argument: 'json.weights', value: weights as JsonValue },
      `expected one weight per component (${k})`,
    );
  }
  weights.forEach((value: unknown, c) => {
    if (!Object.is(value, Math.exp(logWeights[c]))) {
      throw new InvalidInputError(
        { argument: 'json.weights', row: c, value: value as JsonValue },
        `disagrees with exp(logWeights[${c}]) = ${Math.exp(logWeights[c])}, which the model computes with: edit logWeights to change a weight`,
      );
    }
  });
  return logWeights;
}
