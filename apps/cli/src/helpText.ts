/** Worked examples printed after `mixkit --help` and `mixkit fit --help`. */
export const fitExamples = `
Column types (each option takes names, 1-based column numbers or ranges such as 3..52,
comma-separated, and can be repeated):
  --gaussian    real numbers, one joint Gaussian per component (see --covariance)
  --t           real numbers with outliers, one joint Student t per component (full or diag)
  --vmf         directions, one von Mises-Fisher per component (rows scaled to length 1)
  --poisson     non-negative integer counts, an independent Poisson per column
  --bernoulli   0/1 values, an independent Bernoulli per column
  --counts      non-negative integer counts modelled together as one multinomial (bag of words)
  --categorical unordered levels (text or numbers)
  Columns not named are inferred: numbers -> gaussian, text -> categorical. Numbers with
  decimal commas or a few text cells are an error that says what to do, never text.
  Mixed types give each component a product of one family per column block.
  Empty and NA cells are missing values: counted, and refused (--missing error, the default)
  or marginalised out of the likelihood (--missing marginalize; not in --t, --vmf or --counts
  columns, whose families cannot).

Large files are read as a stream; data over --memory-limit is fitted out of core (streamed
EM, one pass over the file per iteration).

Outputs (checked before any work; written under temporary names and renamed at the end, so a
failed or interrupted run writes nothing; never over an input file):
  <data>.labels.csv   column "cluster" (0-based) per input row, plus p0..p<k-1> with --proba
  <data>.model.json   the fitted model, for "mixkit predict"

Exit status: 0 success, 2 bad usage or input, 1 write failure or internal error, 130 interrupted.

Examples:
  $ mixkit fit iris.csv --label species --k 3 --seed 1
  $ mixkit fit faithful.csv --k 1..6 --covariance full,diag,tied --criterion bic
  $ mixkit fit survey.tsv --poisson visits --categorical region --k 2..5 --proba
  $ mixkit fit euro.csv --decimal comma --na NA,-
  $ mixkit fit returns.csv --t 2..6 --covariance diag --k 3
  $ mixkit fit embeddings.csv --vmf 2..769 --k 10 --out-of-core always
  $ mixkit fit iris.csv --algo kmeans --k 3 --ignore species --json
  $ mixkit fit docs.csv --counts 2..501 --label topic --k 4   (a multinomial mixture)
`;

export const predictExamples = `
The new file must have the model's columns (by name; extra columns are ignored). Categorical
values must be levels seen at fit time. The file is read as a stream, in constant memory.

Examples:
  $ mixkit predict iris.model.json new-flowers.csv
  $ mixkit predict iris.model.json new-flowers.csv --proba --out scored.csv
`;
