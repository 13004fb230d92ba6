import { Parser } from 'csv-parse';

/** Receives each record of a table (the header first) with the 1-based line it ends on. */
export type RecordSink = (record: string[], line: number) => void;

/**
 * csv-parse's streaming parser (its Node `Transform`), handing each record straight to `sink`
 * instead of queueing it on the readable side: no per-record promise or buffer, and the line
 * number read from the parser's own counter at the moment the record is complete (the same
 * number its `info` option reports, without building an info object per record).
 */
export class RecordParser extends Parser {
  constructor(
    options: { readonly delimiter: string },
    private readonly sink: RecordSink,
  ) {
    super({
      delimiter: options.delimiter,
      // Row lengths are checked by @mixkit/csv, whose message names the header's length.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
    // Nothing is queued on the readable side; flowing mode lets the stream end.
    this.resume();
  }

  override push(chunk: unknown): boolean {
    if (chunk === null) return super.push(null);
    this.sink(chunk as string[], this.info.lines);
    return true;
  }
}
