import type { Matrix } from '@mixkit/core';

/** The header line of the labels file: `cluster`, then `p0..p<k-1>` when there are probabilities. */
export function labelsHeader(k: number | undefined): string {
  const header = ['cluster'];
  for (let j = 0; j < (k ?? 0); j++) header.push(`p${j}`);
  return `${header.join(',')}\n`;
}

/**
 * Lines of the labels file for consecutive rows: each row's 0-based component and, when
 * `probabilities` is given (one row per label), its responsibilities with 6 significant digits
 * (exact 0 and 1 print as such). Written a chunk at a time, so a file of any length streams.
 */
export function labelLines(labels: Int32Array, probabilities?: Matrix): string {
  const k = probabilities?.cols ?? 0;
  let text = '';
  for (let i = 0; i < labels.length; i++) {
    let line = String(labels[i]);
    if (probabilities) {
      for (let j = 0; j < k; j++) {
        line += `,${Number(probabilities.data[i * k + j].toPrecision(6))}`;
      }
    }
    text += `${line}\n`;
  }
  return text;
}
