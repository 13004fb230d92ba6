/** Worked examples printed after `mixkit --help` and `mixkit fit --help`. */
export const fitExamples = `
Column types (each option takes names, 1-based column numbers or ranges such as 3..52,
comma-separated, and can be repeated):
  --gaussian    real numbers, one joint Gaussian per component (see --covariance)
  --poisson     non-negative integer counts, an independent Poisson per column
  --bernoulli   0/1 values, an independent Bernoulli per column
  --counts      non-negative integer counts modelled together as one multinomial (bag of words)
  --categorical unordered levels (text or numbers)
  Columns not named are inferred: all-numeric -> gaussian, anything else -> categorical.
  Mixed types give each component a product of one family per column block.

Outputs (written atomically: a failed run writes nothing):
  <data>.labels.csv   column "cluster" (0-based) per input row, plus p0..p<k-1> with --proba
  <data>.model.json   the fitted model, for "mixkit predict"

Examples:
  $ mixkit fit iris.csv --label species --k 3 --seed 1
  $ mixkit fit faithful.csv --k 1..6 --covariance full,diag,tied --criterion bic
  $ mixkit fit survey.tsv --poisson visits --categorical region --k 2..5 --proba
  $ mixkit fit iris.csv --algo kmeans --k 3 --ignore species --json
  $ mixkit fit docs.csv --counts 2..501 --label topic --k 4   (a multinomial mixture)
`;

export const predictExamples = `
The new file must have the model's columns (by name; extra columns are ignored). Categorical
values must be levels seen at fit time.

Examples:
  $ mixkit predict iris.model.json new-flowers.csv
  $ mixkit predict iris.model.json new-flowers.csv --proba --out scored.csv
`;
