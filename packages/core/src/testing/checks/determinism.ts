import type { ClusteringModel } from '../../clusterer.js';
import type { Matrix } from '../../matrix.js';
import { BatteryError, bitsDifference } from '../compare.js';
import { type BatteryContext, softModel } from '../context.js';

/** Undefined when two models give the same JSON and the same output bits on X. */
function modelDifference(
  context: BatteryContext,
  check: string,
  a: ClusteringModel,
  b: ClusteringModel,
  X: Matrix,
): string | undefined {
  const left = JSON.stringify(a.toJSON());
  const right = JSON.stringify(b.toJSON());
  if (left !== right) return `toJSON() differs: ${firstTextDifference(left, right)}`;
  const labels = bitsDifference(a.predict(X), b.predict(X), 'predict');
  if (labels !== undefined || !context.soft) return labels;
  const softA = softModel(check, a);
  const softB = softModel(check, b);
  return (
    bitsDifference(softA.predictProba(X).data, softB.predictProba(X).data, 'predictProba') ??
    bitsDifference(softA.scoreSamples(X), softB.scoreSamples(X), 'scoreSamples')
  );
}

function firstTextDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}: …${a.slice(Math.max(0, i - 40), i + 40)}… vs …${b.slice(Math.max(0, i - 40), i + 40)}…`;
}

/** The same seed gives the same model, bit for bit. */
export function checkDeterministic(context: BatteryContext): void {
  const { X } = context.overlapping;
  const difference = modelDifference(context, 'deterministic', context.fit(X), context.fit(X), X);
  if (difference !== undefined)
    throw new BatteryError('deterministic', `two fits with seed ${context.seed}: ${difference}`);
}

/** A fresh instance of the module (no state shared with this one) gives the same bits. */
export async function checkDeterministicFreshModule(context: BatteryContext): Promise<void> {
  const check = 'deterministic-fresh-module';
  const reload = context.setup.reload;
  if (reload === undefined)
    throw new BatteryError(
      check,
      'the setup has no reload(): give one (see ClustererSetup.reload)',
    );
  const { X } = context.overlapping;
  const here = context.fit(X);
  context.resetModules();
  const create = await reload();
  const fresh = create(context.nClusters).fit(X, { random: context.seed });
  const difference = modelDifference(context, check, here, fresh, X);
  if (difference !== undefined) throw new BatteryError(check, difference);
}

/** Another process gives the same model JSON for the same data and seed. */
export async function checkDeterministicOtherProcess(context: BatteryContext): Promise<void> {
  const check = 'deterministic-other-process';
  const other = context.setup.fitInOtherProcess;
  if (other === undefined)
    throw new BatteryError(
      check,
      'the setup has no fitInOtherProcess(): give one (see ClustererSetup.fitInOtherProcess)',
    );
  const { X } = context.overlapping;
  const here = JSON.stringify(context.fit(X).toJSON());
  const there = JSON.stringify(await other(X, context.nClusters, context.seed));
  if (here !== there)
    throw new BatteryError(check, `toJSON() differs: ${firstTextDifference(here, there)}`);
}

/** `fromJSON(JSON.parse(JSON.stringify(model.toJSON())))` is the same model, bit for bit. */
export function checkJsonRoundTrip(context: BatteryContext): void {
  const check = 'json-round-trip';
  const { X } = context.overlapping;
  const model = context.fit(X);
  const back = context.setup.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  const difference = modelDifference(context, check, model, back, X);
  if (difference !== undefined) throw new BatteryError(check, difference);
}
