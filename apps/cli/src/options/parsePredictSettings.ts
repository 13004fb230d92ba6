import type { PredictSettings } from './fitSettings.js';
import { siblingPath } from './outputPaths.js';
import { parseCellSettings } from './parseCellSettings.js';
import { parseDelimiter } from './parseDelimiter.js';

/** `mixkit predict` options as commander hands them over. */
export interface RawPredictOptions {
  readonly proba: boolean;
  readonly json: boolean;
  readonly label?: string;
  readonly decimal: string;
  readonly na?: string[];
  readonly delimiter?: string;
  readonly out?: string;
}

export function parsePredictSettings(
  model: string,
  data: string,
  raw: RawPredictOptions,
): PredictSettings {
  return {
    model,
    data,
    proba: raw.proba,
    json: raw.json,
    label: raw.label,
    cells: parseCellSettings(raw.decimal, raw.na),
    delimiter: parseDelimiter(raw.delimiter),
    labelsOut: raw.out ?? siblingPath(data, '.labels.csv'),
  };
}
