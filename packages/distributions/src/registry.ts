import {
  type AnyComponentFamily,
  type FamilySpec,
  InvalidInputError,
  type JsonValue,
} from '@mixkit/core';
import { bernoulli } from './bernoulli.js';
import { type CategoricalOptions, categorical } from './categorical.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { gaussianDiag } from './gaussian/diag.js';
import { gaussianFull } from './gaussian/full.js';
import { gaussianModelFromSpec } from './gaussian/parsimonious/gaussianModel.js';
import { gaussianModelNames } from './gaussian/parsimonious/gaussianModelName.js';
import { gaussianSpherical } from './gaussian/spherical.js';
import { gaussianTied } from './gaussian/tied.js';
import { specOptions } from './json/specOptions.js';
import { logNormal } from './logNormal.js';
import { multinomial } from './multinomial.js';
import { poisson } from './poisson.js';
import { product } from './product.js';
import { studentTDiag } from './studentT/diag.js';
import { studentTFull } from './studentT/full.js';
import { vonMisesFisher } from './vonMisesFisher.js';

/**
 * Builds a family from the `options` of its spec. `registry` is passed along so that composite
 * families (product) can rebuild their parts.
 */
export type FamilyFactory = (options: JsonValue, registry: FamilyRegistry) => AnyComponentFamily;

/** Family factories by kind: what `familyFromSpec` looks kinds up in. */
export type FamilyRegistry = ReadonlyMap<string, FamilyFactory>;

/** A registry with `entries` added to (or replacing those of) `base`. */
export function extendRegistry(
  base: FamilyRegistry,
  entries: Readonly<Record<string, FamilyFactory>>,
): FamilyRegistry {
  const map = new Map(base);
  for (const [kind, factory] of Object.entries(entries)) map.set(kind, factory);
  return map;
}

/** The registry of every family mixkit ships, keyed by kind. */
export const defaultRegistry: FamilyRegistry = new Map<string, FamilyFactory>([
  ['bernoulli', (options) => bernoulli(specOptions(options, 'bernoulli'))],
  [
    'categorical',
    (options) => categorical(specOptions<CategoricalOptions>(options, 'categorical')),
  ],
  [
    'exponential',
    (options) => {
      specOptions(options, 'exponential');
      return exponential();
    },
  ],
  ['gamma', (options) => gamma(specOptions(options, 'gamma'))],
  ['gaussian-diag', (options) => gaussianDiag(specOptions(options, 'gaussian-diag'))],
  ['gaussian-full', (options) => gaussianFull(specOptions(options, 'gaussian-full'))],
  [
    'gaussian-spherical',
    (options) => gaussianSpherical(specOptions(options, 'gaussian-spherical')),
  ],
  ['gaussian-tied', (options) => gaussianTied(specOptions(options, 'gaussian-tied'))],
  ...gaussianModelNames.map((name): [string, FamilyFactory] => [
    `gaussian-${name}`,
    (options) => gaussianModelFromSpec({ kind: `gaussian-${name}`, options }),
  ]),
  ['log-normal', (options) => logNormal(specOptions(options, 'log-normal'))],
  ['multinomial', (options) => multinomial(specOptions(options, 'multinomial'))],
  ['poisson', (options) => poisson(specOptions(options, 'poisson'))],
  ['product', productFromSpec],
  ['student-t-diag', (options) => studentTDiag(specOptions(options, 'student-t-diag'))],
  ['student-t-full', (options) => studentTFull(specOptions(options, 'student-t-full'))],
  ['von-mises-fisher', (options) => vonMisesFisher(specOptions(options, 'von-mises-fisher'))],
]);

/** The product factory: rebuilds every block's family through the same registry. */
function productFromSpec(options: JsonValue, registry: FamilyRegistry): AnyComponentFamily {
  const { blocks } = specOptions<{ blocks?: JsonValue }>(options, 'product');
  if (!Array.isArray(blocks)) {
    throw new InvalidInputError(
      { argument: 'spec.options.blocks', value: blocks },
      'expected an array',
    );
  }
  return product(
    blocks.map((block, b) => {
      const { columns, family } = specOptions<{ columns?: JsonValue; family?: JsonValue }>(
        block,
        'product',
      );
      if (!Array.isArray(columns)) {
        throw new InvalidInputError(
          { argument: `spec.options.blocks[${b}].columns`, value: columns },
          'expected an array',
        );
      }
      return {
        columns: columns as number[],
        family: familyFromSpec(family as unknown as FamilySpec, registry),
      };
    }),
  );
}

/**
 * Rebuilds a family from its `spec()` (e.g. read back from a saved model's JSON). Throws
 * InvalidInputError for an unknown kind or malformed options.
 */
export function familyFromSpec(
  spec: FamilySpec,
  registry: FamilyRegistry = defaultRegistry,
): AnyComponentFamily {
  if (spec == null || typeof spec !== 'object' || typeof spec.kind !== 'string') {
    throw new InvalidInputError({ argument: 'spec', value: spec }, 'expected {kind, options}');
  }
  const factory = registry.get(spec.kind);
  if (factory === undefined) {
    throw new InvalidInputError(
      { argument: 'spec.kind', value: spec.kind },
      `unknown family kind (registered: ${[...registry.keys()].join(', ')})`,
    );
  }
  return factory(spec.options, registry);
}
