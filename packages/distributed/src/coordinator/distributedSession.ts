import type { ShardPlan, ShardSession } from '@mixkit/core';
import { encodeWire } from '../codec/wireCodec.js';

/**
 * One session of a `DistributedExecutor`: each `map` is a round, numbered from 0, whose input
 * (the task's wire form, e.g. EM's parameters as JSON) is stored once in Redis for every shard
 * job to read, and whose outputs come back in shard order.
 */
export class DistributedSession<Input, Output, Wire> implements ShardSession<Input, Output> {
  private round = 0;
  private open = true;

  constructor(
    readonly id: number,
    readonly plan: ShardPlan,
    private readonly encode: ((input: Input) => Wire) | undefined,
    private readonly storeInput: (round: number, bytes: Buffer) => Promise<void>,
    private readonly runRound: (
      round: number,
      signal: AbortSignal | undefined,
    ) => Promise<unknown[]>,
    private readonly maxPayloadBytes: number,
  ) {}

  async map(input: Input, signal?: AbortSignal): Promise<Output[]> {
    if (!this.open) throw new TypeError('map on a closed shard session');
    const round = this.round++;
    const wire = this.encode === undefined ? input : this.encode(input);
    await this.storeInput(round, encodeWire(wire, 'a round input', this.maxPayloadBytes));
    // The workers ran this session's task on this input: its outputs are the task's outputs.
    return (await this.runRound(round, signal)) as Output[];
  }

  close(): void {
    this.open = false;
  }
}
