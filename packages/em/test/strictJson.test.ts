import { InvalidInputError, type JsonValue } from '@mixkit/core';
import {
  familyFromSpec,
  gaussianDiag,
  gaussianFull,
  poisson,
  product,
} from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { fitMixture, MixtureModel } from '../src/index.js';
import { threeBlobs } from './helpers.js';

// Strict model loading (issue 16): MixtureModel.fromJSON used to accept log weights that do not
// normalise, NaN or null weights, a dimension that disagrees with the parameters, and a missing
// component (with a TypeError); later calls then blamed the data. Every problem is now an
// InvalidInputError whose argument is the path of the bad field.

const { X } = threeBlobs(4);
type Doc = Record<string, unknown> & {
  components: { family: number; params: Record<string, unknown> }[];
  families: { kind: string; options: Record<string, unknown> }[];
  logWeights: (number | null)[];
  weights: number[];
  diagnostics: Record<string, unknown>;
};
const saved = JSON.stringify(fitMixture(X, { family: gaussianFull(), nClusters: 3 }));
const fresh = (): Doc => JSON.parse(saved) as Doc;

function refusal(doc: unknown): InvalidInputError {
  try {
    MixtureModel.fromJSON(doc as JsonValue, familyFromSpec);
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

const cases: [string, (doc: Doc) => void, string, number?][] = [
  ['log weights that do not normalise', (d) => d.logWeights.fill(0), 'json.logWeights'],
  ['a NaN log weight (JSON null elsewhere too)', (d) => d.logWeights.fill(null), 'json.logWeights'],
  ['a string log weight', (d) => ((d.logWeights as unknown[])[1] = 'x'), 'json.logWeights', 1],
  ['a weight edited without its log weight', (d) => (d.weights[0] = 0.5), 'json.weights', 0],
  [
    'a dimension the parameters disagree with',
    (d) => (d.dimension = 3),
    'json.components[0].params',
  ],
  ['a fractional dimension', (d) => (d.dimension = 1.5), 'json.dimension'],
  [
    'a missing component',
    (d) => ((d.components as unknown[])[1] = undefined),
    'json.components[1]',
  ],
  ['a null component', (d) => ((d.components as unknown[])[2] = null), 'json.components[2]'],
  ['an unknown family index', (d) => (d.components[1].family = 4), 'json.components[1].family'],
  [
    'a NaN mean',
    (d) => ((d.components[1].params.mean as unknown[])[0] = null),
    'json.components[1].params.mean',
    0,
  ],
  [
    'a covariance row of the wrong width',
    (d) => ((d.components[2].params.covariance as unknown[][])[0] = [1]),
    'json.components[2].params.covariance',
    0,
  ],
  [
    'an unknown family kind',
    (d) => (d.families[0].kind = 'gaussian-round'),
    'json.families[0].kind',
  ],
  [
    'a negative regCovar',
    (d) => (d.families[0].options.regCovar = -1),
    'json.families[0].options.regCovar',
  ],
  [
    'missing diagnostics',
    (d) => delete (d as Record<string, unknown>).diagnostics,
    'json.diagnostics',
  ],
  ['a missing-cell policy other than marginalize', (d) => (d.missing = 'error'), 'json.missing'],
  [
    'a NaN objective in the diagnostics',
    (d) => ((d.diagnostics.objective as unknown[])[0] = null),
    'json.diagnostics.objective',
    0,
  ],
];

describe('MixtureModel.fromJSON is strict', () => {
  it('loads its own output bit for bit', () => {
    const doc = fresh();
    expect(JSON.stringify(MixtureModel.fromJSON(doc as never, familyFromSpec))).toBe(saved);
  });

  it.each(cases)('%s is refused, naming the field', (_what, damage, argument, row) => {
    const doc = fresh();
    damage(doc);
    const error = refusal(doc);
    expect(error.argument).toBe(argument);
    if (row !== undefined) expect(error.row).toBe(row);
  });

  it('a zero weight (log weight null) still loads when its weight says 0', () => {
    const two = fitMixture(X, {
      family: gaussianDiag(),
      nClusters: 2,
      init: {
        kind: 'params',
        params: fitMixture(X, { family: gaussianDiag(), nClusters: 2 }).params,
        weights: [1, 1],
      },
    });
    const doc = JSON.parse(JSON.stringify(two)) as Doc;
    doc.logWeights = [0, null];
    doc.weights = [1, 0];
    expect(Array.from(MixtureModel.fromJSON(doc as never, familyFromSpec).weights)).toEqual([1, 0]);
  });

  it("a model fitted with missing: 'marginalize' loads with its policy, bit for bit", () => {
    const holed = X.data.slice();
    for (let i = 0; i < X.rows; i += 5) holed[i * X.cols + (i % X.cols)] = Number.NaN;
    const model = fitMixture(
      { rows: X.rows, cols: X.cols, data: holed },
      { family: gaussianFull(), nClusters: 3, missing: 'marginalize' },
    );
    const text = JSON.stringify(model);
    const doc = JSON.parse(text) as Doc;
    expect(doc.missing).toBe('marginalize');
    const loaded = MixtureModel.fromJSON(doc as never, familyFromSpec);
    expect(loaded.missing).toBe('marginalize');
    expect(JSON.stringify(loaded)).toBe(text);
  });

  it("a product's block parameters are named by their path", () => {
    const family = product([
      { columns: [0], family: gaussianDiag() },
      { columns: [1], family: poisson() },
    ]);
    const counts = X.data.map((v, t) => (t % 2 === 1 ? Math.round(Math.abs(v)) : v));
    const model = fitMixture({ rows: X.rows, cols: 2, data: counts }, { family, nClusters: 2 });
    const doc = JSON.parse(JSON.stringify(model)) as Doc;
    ((doc.components[1].params.blocks as Record<string, unknown>[])[1].rates as number[])[0] = -2;
    const error = refusal(doc);
    expect([error.argument, error.row]).toEqual(['json.components[1].params.blocks[1].rates', 0]);
  });
});
