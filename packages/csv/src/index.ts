export { encodeNumbers } from './encodeNumbers.js';
export { guessDelimiter } from './guessDelimiter.js';
export { parseNumber } from './parseNumber.js';
export { type ParseTableOptions, parseTable, type RawTable } from './parseTable.js';
export { describeLocation, TableError, type TableLocation } from './tableError.js';
