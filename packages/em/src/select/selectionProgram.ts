import {
  closeSessionsOnError,
  closeShards,
  DegenerateComponentError,
  fromThreadError,
  InvalidInputError,
  type MatrixInput,
  mapShards,
  now,
  openShards,
  planShards,
  type RandomSource,
  type RestartPlacement,
  randomState,
  restartStream,
  type ShardProgram,
  sendRestartsNow,
} from '@mixkit/core';
import { emPassTask, passSetup } from '../estep/emPassTask.js';
import type { MixtureModel } from '../model/mixtureModel.js';
import { restartResult, restartSetup } from '../run/emRestartTask.js';
import { emShardRows } from '../run/emShardRows.js';
import type { EmRestartResult, EmStep } from '../run/emStep.js';
import {
  type FitMixtureOptions,
  type PreparedEmFit,
  preparedEmProgram,
  prepareEmFit,
} from '../run/iterateEm.js';
import { resolveEmSettings } from '../run/resolveEmSettings.js';
import { resolveFamilies } from '../run/resolveFamilies.js';
import { RestartSelection } from '../run/restartSelection.js';
import { runRestart } from '../run/runRestart.js';
import { type CandidateFit, SelectionRun } from './selectionRun.js';
import { emSelectionTask } from './selectionTask.js';
import type { MixtureSelection, SelectMixtureOptions } from './selectionTypes.js';

/** One restart's outcome: its result, or the typed error that ended its candidate's fit. */
type Outcome = { readonly result: EmRestartResult } | { readonly error: unknown };

/** A candidate ready to run its restarts anywhere: its fit, and each restart's stream. */
interface ParallelCandidate {
  readonly fit: PreparedEmFit;
  readonly options: FitMixtureOptions;
  readonly states: readonly (readonly number[])[];
  readonly init: 'k-means' | 'k-means++' | 'random' | 'random-from-data';
}

/**
 * `selectMixture` as a shard program (what `selectMixtureAsync` drives). With `placement`
 * other than `'sequential'` (an async selection on 2 or more workers that nobody watches step
 * by step uses `'auto'`), when every candidate's passes are one shard (small data), its
 * source is seeded and its `init` built in, the restarts of all candidates are independent
 * fits: they run as shards of `emSelectionTask`, one restart of one candidate per shard, across
 * the workers. `'auto'` first runs the first candidate's first restart here, timed, and sends
 * the rest only if they would take at least `PARALLEL_RESTARTS_MIN_MS` at that pace. Each
 * restart draws from the stream the sequential selection would give it, and each candidate
 * keeps its best restart by the same rule in restart order, so the table, the best row and
 * every model are the sequential selection's, bit for bit. Otherwise the candidates run one
 * after the other, each as `emProgram` with `placement` for its own restarts.
 */
export function* selectionProgram(
  X: MatrixInput,
  options: SelectMixtureOptions,
  placement: RestartPlacement = 'sequential',
): ShardProgram<EmStep, MixtureSelection> {
  const run = new SelectionRun(X, options);
  // In candidate order, as the sequential selection splits a source.
  const fitOptions = run.candidates.map((candidate) => run.fitOptions(candidate));
  if (placement === 'sequential' || !candidatesRunAnywhere(run, fitOptions)) {
    for (const [c, candidate] of run.candidates.entries()) {
      const own = fitOptions[c];
      let fit: CandidateFit;
      try {
        // A failed fit's sessions close now, not when the whole selection ends.
        const program = preparedEmProgram(prepareEmFit(run.data, own), own, placement);
        fit = { model: yield* closeSessionsOnError(program) };
      } catch (error) {
        fit = { error };
      }
      run.record(candidate, fit);
    }
    return run.result();
  }
  const candidates = fitOptions.map((own): ParallelCandidate | { readonly error: unknown } => {
    try {
      const fit = prepareEmFit(run.data, own);
      const { init, nInit, random } = fit.settings;
      if (typeof init !== 'string')
        throw new Error('unreachable: checked by candidatesRunAnywhere');
      return { fit, options: own, init, states: restartStates(random, nInit) };
    } catch (error) {
      return { error };
    }
  });
  const outcomes: Outcome[][] = candidates.map(() => []);
  let pairs: [number, number][] = [];
  // An executor gives each worker a contiguous run of shards, and a grid lists its candidates
  // family by family, k ascending (costs grow along it): candidates in bit-reversed order put a
  // mix of families and sizes in every run. Each candidate's restarts stay together and in
  // order, so a worker holds one candidate's workspace at a time; results do not depend on it.
  for (const c of spreadOrder(candidates.length)) {
    const candidate = candidates[c];
    if ('fit' in candidate) {
      for (let r = 0; r < candidate.fit.settings.nInit; r++) pairs.push([c, r]);
    }
  }
  const started = now();
  if (placement === 'auto' && pairs.length > 0) {
    // The first candidate's first restart runs here, timed.
    const [first] = pairs[0];
    yield* restartsHere(candidates[first], 0, 1, outcomes[first]);
    pairs = pairs.filter(([c, r]) => !(c === first && (r === 0 || failed(outcomes[c]))));
  }
  if (placement === 'parallel' || sendRestartsNow('auto', 1, now() - started, pairs.length + 1)) {
    const setup = {
      candidates: candidates.map((candidate) =>
        'fit' in candidate
          ? restartSetup(
              candidate.fit.workspace,
              candidate.fit.families,
              { ...candidate.fit.settings, init: candidate.init },
              candidate.options,
              candidate.states,
              0,
            )
          : undefined,
      ),
      pairs,
    };
    const workspaces = candidates.map((candidate) =>
      'fit' in candidate ? candidate.fit.workspace : undefined,
    );
    if (pairs.length > 0) {
      const session = yield* openShards(
        emSelectionTask,
        setup,
        planShards(pairs.length, 1),
        workspaces,
      );
      const outputs = yield* mapShards(session, undefined);
      yield* closeShards(session);
      for (const [s, output] of outputs.entries()) {
        const [c] = pairs[s];
        const candidate = candidates[c];
        // Only candidates that prepared have pairs.
        if (!('fit' in candidate)) continue;
        outcomes[c].push(
          'error' in output
            ? { error: fromThreadError(output.error, -1) }
            : { result: restartResult(candidate.fit.workspace, output.output) },
        );
      }
    }
  } else {
    for (const [c, candidate] of candidates.entries()) {
      const done = outcomes[c];
      if ('fit' in candidate && !failed(done)) {
        yield* restartsHere(candidate, done.length, candidate.fit.settings.nInit, done);
      }
    }
  }
  for (const [c, candidate] of run.candidates.entries()) {
    const prepared = candidates[c];
    run.record(
      candidate,
      'fit' in prepared ? candidateFit(prepared.fit, outcomes[c]) : { error: prepared.error },
    );
  }
  return run.result();
}

/**
 * Whether every candidate can run its restarts in any thread: a built-in `init`, a source whose
 * state can reach a worker, and passes of one shard (from the shapes alone, before any data is
 * checked or copied; a candidate whose options are wrong fails the same way in either path).
 */
function candidatesRunAnywhere(
  run: SelectionRun,
  fitOptions: readonly FitMixtureOptions[],
): boolean {
  const { rows: n, cols: d } = run.data;
  return fitOptions.every((own) => {
    try {
      const k = resolveFamilies(own).length;
      const settings = resolveEmSettings(own, k, own.random);
      const plan = planShards(n, emShardRows({ n, k, d, blockSize: settings.blockSize }));
      return (
        typeof settings.init === 'string' &&
        plan.count === 1 &&
        randomState(settings.random) !== undefined
      );
    } catch {
      return true;
    }
  });
}

/**
 * 0..count-1 in bit-reversed order (van der Corput): every contiguous run of it samples the
 * whole range evenly, e.g. 0, 4, 2, 6, 1, 5, 3, 7 for 8.
 */
function spreadOrder(count: number): number[] {
  let bits = 0;
  while (1 << bits < count) bits++;
  const order: number[] = [];
  for (let i = 0; i < 1 << bits; i++) {
    let reversed = 0;
    for (let b = 0; b < bits; b++) reversed |= ((i >> b) & 1) << (bits - 1 - b);
    if (reversed < count) order.push(reversed);
  }
  return order;
}

/** The streams of `restarts` restarts, split off `random` in restart order (as `iterateEm`). */
function restartStates(random: RandomSource, restarts: number): (readonly number[])[] {
  return Array.from({ length: restarts }, () => {
    const state = randomState(random.split());
    if (state === undefined) throw new Error('unreachable: a split of a seeded source');
    return state;
  });
}

/** Runs restarts [from, to) of a candidate here, in order, until one fails. */
function* restartsHere(
  candidate: ParallelCandidate | { readonly error: unknown },
  from: number,
  to: number,
  outcomes: Outcome[],
): ShardProgram<EmStep, void> {
  if (!('fit' in candidate)) return;
  const { workspace, plan, settings } = candidate.fit;
  const passes = yield* openShards(emPassTask, passSetup(workspace), plan, workspace);
  for (let r = from; r < to; r++) {
    try {
      const random = restartStream(candidate.states, r);
      outcomes.push({ result: yield* runRestart(workspace, passes, settings, r, random) });
    } catch (error) {
      if (!InvalidInputError.isInstance(error) && !DegenerateComponentError.isInstance(error)) {
        throw error;
      }
      outcomes.push({ error });
      break;
    }
  }
  yield* closeShards(passes);
}

function failed(outcomes: readonly Outcome[]): boolean {
  return outcomes.some((outcome) => 'error' in outcome);
}

/** A candidate's fit from its restarts in order, as `emProgram` keeps them: the first error ends it. */
function candidateFit(fit: PreparedEmFit, outcomes: readonly Outcome[]): CandidateFit {
  const selection = new RestartSelection();
  selection.warnings.push(...fit.workspace.dataWarnings);
  for (const [r, outcome] of outcomes.entries()) {
    if ('error' in outcome) return { error: outcome.error };
    selection.add(r, outcome.result);
  }
  const model: MixtureModel = selection.model(
    fit.workspace.families,
    fit.workspace.d,
    fit.settings.missing,
  );
  return { model };
}
