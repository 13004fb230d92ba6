export { type CellOptions, CellReader, defaultMissingTokens } from './cells/cellReader.js';
export {
  type DecimalMark,
  hasDecimalComma,
  parseCommaNumber,
  parseNumber,
} from './cells/parseNumber.js';
export { encodeNumbers } from './encodeNumbers.js';
export { guessDelimiter } from './guessDelimiter.js';
export { type ParseTableOptions, parseTable, type RawTable } from './parseTable.js';
export {
  type CellSighting,
  type CellTally,
  ColumnProfile,
  DEFAULT_LEVEL_LIMIT,
  DEFAULT_NUMBER_LEVEL_LIMIT,
  type PassedLimit,
} from './profile/columnProfile.js';
export {
  type ColumnInference,
  countOf,
  inferColumn,
  type LevelsColumn,
  missingCellsError,
  type NumericColumn,
  numericCellError,
  type UnclearCause,
  type UnclearColumn,
} from './profile/inferColumn.js';
export { type EncodedColumn, RecordEncoder } from './profile/recordEncoder.js';
export {
  type TableProfile,
  TableProfiler,
  type TableProfilerOptions,
} from './profile/tableProfiler.js';
export { describeLocation, TableError, type TableLocation } from './tableError.js';
export { checkHeader, checkRowLength } from './tableShape.js';
export { decodeText, invalidText } from './text/decodeText.js';
export { type DetectedEncoding, detectEncoding, type TextEncoding } from './text/detectEncoding.js';
