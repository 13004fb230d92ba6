import { cpuRatioNote } from '../harness/cpuRatio.js';
import type { ContenderResult, TargetCheck } from '../harness/types.js';

const find = (rows: readonly ContenderResult[], id: string) => rows.find((r) => r.id === id);

/** mixkit's time is at most the peer's (same run, wall time). */
export function noSlowerThan(
  rows: readonly ContenderResult[],
  mixkit: string,
  peer: string,
  name: string,
): TargetCheck {
  const a = find(rows, mixkit);
  const b = find(rows, peer);
  const description = `mixkit no slower than ${name}`;
  if (a?.status !== 'ok' || b?.status !== 'ok') {
    return {
      description,
      met: null,
      detail: `a contender did not run (${b?.reason ?? a?.reason ?? 'unavailable'})`,
    };
  }
  const ratio = a.perIteration!.median / b.perIteration!.median;
  return {
    description,
    met: ratio <= 1,
    detail: `mixkit time = ${ratio.toFixed(2)}x ${name}'s${cpuRatioNote(a, b)}`,
  };
}

/**
 * The peer takes at least `factor` times mixkit's time. A peer stopped at its time limit gives a
 * lower bound (limit ÷ mixkit's time), which decides the target when it already exceeds the factor.
 */
export function atLeastFaster(
  rows: readonly ContenderResult[],
  mixkit: string,
  peer: string,
  name: string,
  factor = 10,
): TargetCheck {
  const a = find(rows, mixkit);
  const b = find(rows, peer);
  const description = `mixkit at least ${factor}x faster than ${name}`;
  if (a?.status !== 'ok') return { description, met: null, detail: 'mixkit did not run' };
  const mine = a.perIteration!.median;
  if (b?.status === 'ok') {
    const ratio = b.perIteration!.median / mine;
    return {
      description,
      met: ratio >= factor,
      detail: `${ratio.toFixed(1)}x${cpuRatioNote(b, a)}`,
    };
  }
  const limit = /within (\d+(?:\.\d+)?) s/.exec(b?.reason ?? '');
  if (limit !== null) {
    const bound = Number(limit[1]) / mine;
    return {
      description,
      met: bound >= factor ? true : null,
      detail: `at least ${bound.toFixed(0)}x: ${name} ${b?.reason} (mixkit ${mine.toFixed(2)} s)`,
    };
  }
  return { description, met: null, detail: `${name} did not run: ${b?.reason ?? 'unavailable'}` };
}
