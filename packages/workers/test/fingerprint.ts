/**
 * What a seeded fit must repeat bit for bit on any number of workers: its labels (when the model
 * has them), its objective at every iteration, and its saved model.
 */
export function fingerprint(model: {
  readonly labels?: Int32Array;
  readonly diagnostics: { readonly objective: readonly number[] };
  toJSON(): unknown;
}): string {
  return JSON.stringify({
    labels: model.labels === undefined ? undefined : Array.from(model.labels),
    objective: model.diagnostics.objective,
    model: model.toJSON(),
  });
}
