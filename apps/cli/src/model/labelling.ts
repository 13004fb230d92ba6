import type { Matrix } from '@mixkit/core';
import type { MixtureModel } from '@mixkit/em';
import type { KMeansModel } from '@mixkit/kmeans';
import { labelLines } from '../output/formatLabelsCsv.js';
import type { StagedFile } from '../output/stagedOutputs.js';
import type { PassMeasures } from './fitOutOfCore.js';

/** A fitted model to label rows with: a mixture (soft) or k-means (hard). */
export type LabellingModel =
  | { readonly algorithm: 'em'; readonly model: MixtureModel }
  | { readonly algorithm: 'kmeans'; readonly model: KMeansModel };

/** Options of `Labelling`. */
export interface LabellingOptions {
  /** Write each row's responsibilities after its label (mixtures only). */
  readonly proba: boolean;
  /** Keep every row's label (for the adjusted Rand index): 4 bytes a row. */
  readonly keepLabels: boolean;
  /** Rows expected (sizes the kept labels; more are allowed). */
  readonly rows: number;
  /** Sum the log-likelihood and the entropy (mixtures; costs two more E-steps a chunk). */
  readonly measure: boolean;
}

/**
 * Labels rows chunk by chunk and writes them to the labels file as they come: each chunk's
 * labels (and responsibilities), the cluster sizes, and for a mixture the log-likelihood and
 * the entropy of the responsibilities summed over chunks. In memory the chunks are views of
 * the matrix; out of core they come from another pass over the file. Either way no n x k
 * matrix and no whole-file text is built.
 */
export class Labelling {
  readonly sizes: number[];
  private labels: Int32Array;
  private rows = 0;
  private logLikelihood = 0;
  private entropy = 0;

  constructor(
    private readonly fitted: LabellingModel,
    /** Where the label lines go; undefined to measure only. */
    private readonly out: StagedFile | undefined,
    private readonly options: LabellingOptions,
  ) {
    this.sizes = new Array<number>(fitted.model.nClusters).fill(0);
    this.labels = new Int32Array(options.keepLabels ? Math.max(1, options.rows) : 0);
  }

  /** Labels the rows of `chunk`, writes them, and adds them to the sizes and measures. */
  add(chunk: Matrix): void {
    if (chunk.rows === 0) return;
    const { fitted, options } = this;
    const labels = fitted.model.predict(chunk);
    let probabilities: Matrix | undefined;
    if (fitted.algorithm === 'em' && (options.proba || options.measure)) {
      probabilities = fitted.model.predictProba(chunk);
    }
    if (fitted.algorithm === 'em' && options.measure && probabilities !== undefined) {
      this.logLikelihood += fitted.model.score(chunk) * chunk.rows;
      // The entropy term of ICL (see selectionRow); 0 log 0 counts as 0.
      for (const r of probabilities.data) if (r > 0) this.entropy -= r * Math.log(r);
    }
    this.out?.write(labelLines(labels, options.proba ? probabilities : undefined));
    for (const label of labels) this.sizes[label]++;
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
}

/** Consecutive row blocks of an in-memory matrix, as views (no copy). */
export function* rowBlocks(X: Matrix, blockRows = 65_536): Generator<Matrix> {
  for (let start = 0; start < X.rows; start += blockRows) {
    const rows = Math.min(blockRows, X.rows - start);
    yield { rows, cols: X.cols, data: X.data.subarray(start * X.cols, (start + rows) * X.cols) };
  }
}
