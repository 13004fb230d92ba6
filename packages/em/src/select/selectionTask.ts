import {
  DegenerateComponentError,
  InvalidInputError,
  type ShardContext,
  type ShardTask,
  type ThreadError,
  toThreadError,
} from '@mixkit/core';
import {
  type EmRestartOutput,
  type EmRestartSetup,
  type EmRestartState,
  emRestartTask,
} from '../run/emRestartTask.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';

/** What a thread running a model selection's restarts rebuilds its workspaces from. */
export interface EmSelectionSetup {
  /**
   * Candidate c's restart setup: its data, families, settings and every restart's stream
   * (undefined for a candidate that failed before its restarts: no pair names it).
   */
  readonly candidates: readonly (EmRestartSetup | undefined)[];
  /** Shard s runs restart `pairs[s][1]` of candidate `pairs[s][0]` (ordered by candidate). */
  readonly pairs: readonly (readonly [candidate: number, restart: number])[];
}

/**
 * One restart of one candidate: its outcome, or the typed error that ended it (a candidate
 * that cannot be fitted is a row of the table, not the end of the selection).
 */
export type EmSelectionOutput =
  | {
      /** The restart's outcome. */
      readonly output: EmRestartOutput;
    }
  | {
      /** The typed error that ended it, in its cloneable form. */
      readonly error: ThreadError;
    };

/** A thread's state: the workspace of the candidate it is on (its shards come in candidate order). */
export interface EmSelectionState {
  /** The session's setup. */
  readonly setup: EmSelectionSetup;
  /** Where families are rebuilt from, and the abort flag. */
  readonly context: ShardContext;
  /** In the fit's own thread, the candidates' workspaces. */
  readonly local: readonly (EmWorkspace | undefined)[] | undefined;
  /** The candidate this thread is on, and its restart state. */
  current: { readonly candidate: number; readonly state: EmRestartState } | undefined;
}

/**
 * The restarts of every candidate of a model selection (`selectMixtureAsync`) as shards
 * (`@mixkit/em:select`): shard s runs one restart of one candidate, exactly as `emRestartTask`
 * runs it (the same stream, the same `runRestart`), so the selection picks the sequential
 * one's winner, bit for bit. For small data, where each candidate's passes are one shard and
 * the candidates are independent fits. A worker builds one candidate's workspace at a time,
 * when its first shard of that candidate comes.
 */
export const emSelectionTask: ShardTask<
  EmSelectionSetup,
  undefined,
  EmSelectionOutput,
  EmSelectionState,
  readonly (EmWorkspace | undefined)[]
> = {
  name: '@mixkit/em:select',
  open(setup, context, _shards, local) {
    return { setup, context, local, current: undefined };
  },
  run(state, _input, shard) {
    const pair = state.setup.pairs[shard.index];
    if (pair === undefined) throw new RangeError(`no restart for shard ${shard.index}`);
    const [candidate, restart] = pair;
    if (state.current?.candidate !== candidate) {
      const setup = state.setup.candidates[candidate];
      if (setup === undefined) throw new RangeError(`no candidate ${candidate} in the setup`);
      // The previous candidate's workspace is garbage from here on.
      state.current = {
        candidate,
        state: emRestartTask.open(setup, state.context, [], state.local?.[candidate]),
      };
    }
    try {
      const output = emRestartTask.run(state.current.state, undefined, {
        index: restart,
        start: restart,
        end: restart + 1,
      });
      return { output };
    } catch (error) {
      if (InvalidInputError.isInstance(error) || DegenerateComponentError.isInstance(error)) {
        return { error: toThreadError(error) };
      }
      throw error;
    }
  },
};
