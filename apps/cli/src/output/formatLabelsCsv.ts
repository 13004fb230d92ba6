import type { Matrix } from '@mixkit/core';

/**
 * The labels file: a `cluster` column (0-based component of each input row, in input order) and,
 * when `probabilities` is given, one `p<k>` column per component with its responsibility.
 */
export function formatLabelsCsv(labels: Int32Array, probabilities?: Matrix): string {
  const k = probabilities?.cols ?? 0;
  const header = ['cluster'];
  for (let j = 0; j < k; j++) header.push(`p${j}`);
  const lines = [header.join(',')];
  for (let i = 0; i < labels.length; i++) {
    let line = String(labels[i]);
    if (probabilities) {
      for (let j = 0; j < k; j++) {
        // 6 significant digits; exact 0 and 1 print as such.
        line += `,${Number((probabilities.data[i * k + j] as number).toPrecision(6))}`;
      }
    }
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}
