import type { Matrix } from '@mixkit/core';
import type { RowScores } from '../model/labeller.js';

/**
 * The header line of the labels file: `cluster`, then `p0..p<k-1>` when there are
 * probabilities (`k`), then the names of the per-row scores.
 */
export function labelsHeader(k: number | undefined, scores?: readonly string[]): string {
  const header = ['cluster'];
  for (let j = 0; j < (k ?? 0); j++) header.push(`p${j}`);
  header.push(...(scores ?? []));
  return `${header.join(',')}\n`;
}

/**
 * Lines of the labels file for consecutive rows, the first being row `start` of the data: each
 * row's 0-based cluster (-1 for noise) and, when `probabilities` is given (one row per label),
 * its responsibilities with 6 significant digits (exact 0 and 1 print as such), then its
 * `scores`. Written a chunk at a time, so a file of any length streams.
 */
export function labelLines(
  labels: Int32Array,
  probabilities?: Matrix,
  scores?: RowScores,
  start = 0,
): string {
  const k = probabilities?.cols ?? 0;
  let text = '';
  for (let i = 0; i < labels.length; i++) {
    let line = String(labels[i]);
    if (probabilities) {
      for (let j = 0; j < k; j++) {
        line += `,${Number(probabilities.data[i * k + j].toPrecision(6))}`;
      }
    }
    if (scores) line += `,${scores.cells(start + i)}`;
    text += `${line}\n`;
  }
  return text;
}
