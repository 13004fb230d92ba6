import type { MatrixInput } from '@mixkit/core';
import { type ChunkSource, openChunks } from './chunkSource.js';

/**
 * One pass's reader of a `ChunkSource` that can ask for the next chunk ahead of time (at most
 * one), so that reading and parsing it overlaps with the pass over the current chunk on
 * workers (double buffering; see `streamPass`). Without `prefetch` it reads exactly as
 * `for await` does: the next chunk is requested only when `next` is called.
 */
export class ChunkReader {
  private readonly iterator: AsyncIterator<MatrixInput>;
  /** The request made ahead by `prefetch`, not yet taken by `next`. */
  private ahead: Promise<IteratorResult<MatrixInput>> | undefined;
  /** Whether the source has ended (done or thrown) or was closed: no request is made again. */
  private finished = false;

  constructor(source: ChunkSource) {
    this.iterator = asyncIterator(openChunks(source));
  }

  /**
   * Requests the next chunk now, unless a request is already ahead or the source ended. A
   * failed read is kept for `next` to throw (never an unhandled rejection meanwhile).
   */
  prefetch(): void {
    if (this.ahead !== undefined || this.finished) return;
    const request = this.iterator.next();
    request.catch(() => {});
    this.ahead = request;
  }

  /** The next chunk (the one requested ahead, if any), or undefined once the source ended. */
  async next(): Promise<MatrixInput | undefined> {
    if (this.finished) return undefined;
    this.prefetch();
    const request = this.ahead as Promise<IteratorResult<MatrixInput>>;
    this.ahead = undefined;
    try {
      const step = await request;
      if (step.done === true) this.finished = true;
      return step.done === true ? undefined : step.value;
    } catch (error) {
      this.finished = true;
      throw error;
    }
  }

  /**
   * Ends the pass early: waits for a request in flight (its failure no longer matters), then
   * lets the source release what it holds (`return`, as `for await` does on `break`/`throw`).
   */
  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead !== undefined) {
      const step = await ahead.catch(() => undefined);
      // The source has ended or failed by itself: nothing to release.
      if (step === undefined || step.done === true) return;
    }
    await this.iterator.return?.();
  }
}

/** An async iterator over the chunks; a sync iterable is read as `for await` reads it. */
function asyncIterator(
  chunks: AsyncIterable<MatrixInput> | Iterable<MatrixInput>,
): AsyncIterator<MatrixInput> {
  if (Symbol.asyncIterator in chunks) return chunks[Symbol.asyncIterator]();
  // `yield*` over a sync iterable awaits each value and forwards `return`, like `for await`.
  return (async function* () {
    yield* chunks;
  })();
}
