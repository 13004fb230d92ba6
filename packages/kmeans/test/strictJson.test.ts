import { InvalidInputError, type JsonValue } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { KMeans, KMeansModel, KMedoids, KMedoidsModel } from '../src/index.js';
import { blobs } from './blobs.js';

// Strict model loading (issue 16): a saved model that is damaged or edited inconsistently is
// refused with an InvalidInputError naming the field, instead of loading and blaming the data
// later (or predicting with values the document does not show).

const { X } = blobs(60, 2, 3, 5);
type Doc = Record<string, unknown>;
type Damage = (doc: Doc) => void;
const diagnostics = (doc: Doc) => doc.diagnostics as Record<string, unknown>;
const kmeansDoc = (): Doc =>
  JSON.parse(JSON.stringify(new KMeans({ nClusters: 3 }).fit(X, { random: 1 }).toJSON()));
const kmedoidsDoc = (): Doc =>
  JSON.parse(JSON.stringify(new KMedoids({ nClusters: 3 }).fit(X).toJSON()));

function refusal(load: (json: JsonValue) => unknown, json: unknown): InvalidInputError {
  try {
    load(json as JsonValue);
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('KMeansModel.fromJSON is strict', () => {
  const load = (json: JsonValue) => KMeansModel.fromJSON(json);

  it('loads its own output, and a version 1 document (no scale) as scale 1', () => {
    const doc = kmeansDoc();
    expect(Array.from(load(doc as JsonValue).predict(X))).toEqual(doc.labels);
    const { scale: _scale, ...v1 } = { ...doc, version: 1 } as Doc;
    expect(Array.from(load(v1 as JsonValue).predict(X))).toEqual(doc.labels);
  });

  it('an edited center (predictions read centeredCenters) names json.centers, row and column', () => {
    const doc = kmeansDoc();
    (doc.centers as number[][])[1][0] = 99;
    const error = refusal(load, doc);
    expect([error.argument, error.row, error.column]).toEqual(['json.centers', 1, 0]);
  });

  const cases: [string, Damage, string, number | undefined][] = [
    ['a label out of range', (d) => ((d.labels as number[])[4] = 3), 'json.labels', 4],
    ['a NaN inertia (written as null)', (d) => (d.inertia = null), 'json.inertia', undefined],
    ['an offset of the wrong width', (d) => (d.offset = [0]), 'json.offset', undefined],
    ['a scale that is not a power of two', (d) => (d.scale = 3), 'json.scale', undefined],
    [
      'a fractional iteration count',
      ((d) => {
        d.iterations = 1.5;
      }) as Damage,
      'json.iterations',
      undefined,
    ],
    [
      'a warning with an unknown action',
      (d) =>
        (diagnostics(d).warnings = [
          { kind: 'empty-component', restart: 0, iteration: 1, component: 0, action: 'x' },
        ]),
      'json.diagnostics.warnings[0].action',
      undefined,
    ],
    [
      'a NaN objective',
      ((d) => {
        diagnostics(d).objective = [1, null];
      }) as Damage,
      'json.diagnostics.objective',
      1,
    ],
    [
      'missing diagnostics',
      ((d) => {
        delete d.diagnostics;
      }) as Damage,
      'json.diagnostics',
      undefined,
    ],
  ];
  it.each(cases)('%s is refused, naming the field', (_what, damage, argument, row) => {
    const doc = kmeansDoc();
    damage(doc);
    const error = refusal(load, doc);
    expect(error.argument).toBe(argument);
    if (row !== undefined) expect(error.row).toBe(row);
  });
});

describe('KMedoidsModel.fromJSON is strict', () => {
  const load = (json: JsonValue) => KMedoidsModel.fromJSON(json);

  const cases: [string, Damage, string][] = [
    [
      'a repeated medoid index',
      (d) => ((d.medoidIndices as number[])[2] = (d.medoidIndices as number[])[0] ?? 0),
      'json.medoidIndices',
    ],
    [
      'a negative medoid index',
      (d) => ((d.medoidIndices as number[])[1] = -1),
      'json.medoidIndices',
    ],
    ['a fractional dimension', (d) => (d.dimension = 2.5), 'json.dimension'],
    [
      'a medoid row of the wrong width',
      (d) => ((d.medoids as number[][])[0] = [1]),
      'json.medoids',
    ],
    ['a negative total deviation', (d) => (d.totalDeviation = -1), 'json.totalDeviation'],
    ['an unknown metric', (d) => (d.metric = 'chebyshev'), 'json.metric'],
  ];
  it.each(cases)('%s is refused, naming the field', (_what, damage, argument) => {
    const doc = kmedoidsDoc();
    damage(doc);
    expect(refusal(load, doc).argument).toBe(argument);
  });
});
