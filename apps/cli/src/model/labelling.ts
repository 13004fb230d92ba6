import { type Matrix, NOISE } from '@mixkit/core';
import { labelLines, labelsHeader } from '../output/formatLabelsCsv.js';
import type { StagedFile } from '../output/stagedOutputs.js';
import type { PassMeasures } from './fitOutOfCore.js';
import type { Labeller } from './labeller.js';

/** Options of `Labelling`. */
export interface LabellingOptions {
  /** Write each row's responsibilities after its label (soft models only). */
  readonly proba: boolean;
  /** Write each row's scores after its label (models with `scores`). */
  readonly scores: boolean;
  /** Keep every row's label (for the adjusted Rand index): 4 bytes a row. */
  readonly keepLabels: boolean;
  /** Rows expected (sizes the kept labels; more are allowed). */
  readonly rows: number;
  /** Sum the log-likelihood and the entropy (mixtures; costs two more E-steps a chunk). */
  readonly measure: boolean;
  /** Sum each cluster's rows column by column, for its mean (hard clusterers without centers). */
  readonly means: boolean;
}

/**
 * Labels rows chunk by chunk and writes them to the labels file as they come (its header
 * first): each chunk's labels (and responsibilities or scores), the cluster sizes and the rows
 * labelled noise, for a mixture the log-likelihood and the entropy of the responsibilities
 * summed over chunks, and on request each cluster's column sums. In memory the chunks are views
 * of the matrix; out of core they come from another pass over the spill file (or the data file). Either way no n x k
 * matrix and no whole-file text is built.
 */
export class Labelling {
  readonly sizes: number[];
  /** Rows labelled `NOISE` (-1): in no cluster. */
  noise = 0;
  private labels: Int32Array;
  private rows = 0;
  private logLikelihood = 0;
  private entropy = 0;
  private sums: Float64Array | undefined;

  constructor(
    private readonly labeller: Labeller,
    /** Where the label lines go; undefined to measure only. */
    private readonly out: StagedFile | undefined,
    private readonly options: LabellingOptions,
  ) {
    this.sizes = new Array<number>(labeller.nClusters).fill(0);
    this.labels = new Int32Array(options.keepLabels ? Math.max(1, options.rows) : 0);
    out?.write(
      labelsHeader(
        options.proba && labeller.probabilities ? labeller.nClusters : undefined,
        options.scores ? labeller.scores?.names : undefined,
      ),
    );
  }

  /** Labels the rows of `chunk`, writes them, and adds them to the sizes and measures. */
  add(chunk: Matrix): void {
    if (chunk.rows === 0) return;
    const { labeller, options } = this;
    const start = this.rows;
    const labels = labeller.labels(chunk, start);
    let probabilities: Matrix | undefined;
    if (labeller.probabilities && (options.proba || options.measure)) {
      probabilities = labeller.probabilities(chunk);
    }
    if (options.measure && labeller.logLikelihood && probabilities !== undefined) {
      this.logLikelihood += labeller.logLikelihood(chunk);
      // The entropy term of ICL (see selectionRow); 0 log 0 counts as 0.
      for (const r of probabilities.data) if (r > 0) this.entropy -= r * Math.log(r);
    }
    this.out?.write(
      labelLines(
        labels,
        options.proba ? probabilities : undefined,
        options.scores ? labeller.scores : undefined,
        start,
      ),
    );
    for (const label of labels) {
      if (label === NOISE) this.noise++;
      else this.sizes[label]++;
    }
    if (options.means) this.addSums(chunk, labels);
    if (options.keepLabels) {
      if (this.rows + labels.length > this.labels.length) {
        const grown = new Int32Array(Math.max(2 * this.labels.length, this.rows + labels.length));
        grown.set(this.labels.subarray(0, this.rows));
        this.labels = grown;
      }
      this.labels.set(labels, this.rows);
    }
    this.rows += labels.length;
  }

  /** Every row's label in order (empty unless `keepLabels`). */
  allLabels(): Int32Array {
    return this.labels.subarray(0, this.options.keepLabels ? this.rows : 0);
  }

  /** The mixture's measures over every row labelled. */
  measures(): PassMeasures {
    return { logLikelihood: this.logLikelihood, entropy: this.entropy, rows: this.rows };
  }

  /** Each cluster's mean row, k x d row-major (with `means`; empty otherwise). */
  clusterMeans(): Float64Array {
    const sums = this.sums ?? new Float64Array(0);
    const d = this.sizes.length === 0 ? 0 : sums.length / this.sizes.length;
    const means = new Float64Array(sums.length);
    this.sizes.forEach((size, c) => {
      for (let j = 0; j < d; j++)
        means[c * d + j] = size === 0 ? Number.NaN : sums[c * d + j] / size;
    });
    return means;
  }

  private addSums(chunk: Matrix, labels: Int32Array): void {
    const d = chunk.cols;
    if (this.sums === undefined) this.sums = new Float64Array(this.sizes.length * d);
    const { sums } = this;
    const { data } = chunk;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      if (label === NOISE) continue;
      const row = i * d;
      const at = label * d;
      for (let j = 0; j < d; j++) sums[at + j] += data[row + j];
    }
  }
}

/** Consecutive row blocks of an in-memory matrix, as views (no copy). */
export function* rowBlocks(X: Matrix, blockRows = 65_536): Generator<Matrix> {
  for (let start = 0; start < X.rows; start += blockRows) {
    const rows = Math.min(blockRows, X.rows - start);
    yield { rows, cols: X.cols, data: X.data.subarray(start * X.cols, (start + rows) * X.cols) };
  }
}
