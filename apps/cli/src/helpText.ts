/** Worked examples printed after `mixkit --help` and `mixkit fit --help`. */
export const fitExamples = `
Algorithms (--algo):
  em             a mixture fitted by EM (default); --k and --covariance lists make a grid,
                 selected by --criterion; --select mclust runs R's Mclust() instead
  kmeans         k-means (one --k)
  bayes          variational Bayesian Gaussian mixture: --k is an upper bound, unused
                 components are reported (--prune drops them); --weight-prior
                 dirichlet-process|dirichlet-distribution, --weight-concentration
  agglomerative  a dendrogram cut at --k clusters or at --height; --linkage ward|complete|
                 average|single, --metric
  dbscan         clusters of dense rows: --eps (required), --min-pts, --metric
  optics         the DBSCAN clustering at --eps-cluster (required) read off the ordering;
                 --eps bounds the radius looked at
  hdbscan        no radius: --min-pts, --cluster-selection eom|leaf
  dbscan, optics and hdbscan label rows in no cluster -1 (noise).

Covariances (--covariance, Gaussian columns): full, diag, spherical, tied (scikit-learn's), or
mclust's fourteen models EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV EVV VVV (volume,
shape, orientation: Equal, Variable or Identity), fitted without --reg-covar as mclust fits
them. BIC signs: mixkit's BIC is -2*loglik + npar*log(n), lower is better; mclust's (printed
by --select mclust) is 2*loglik - npar*log(n), higher is better.

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
  Mixed types give each component a product of one family per column block (--algo em);
  the other algorithms take numeric columns (bayes and --select mclust: Gaussian ones).
  Empty and NA cells are missing values: counted, and refused (--missing error, the default)
  or marginalised out of the likelihood (--missing marginalize, --algo em only; not in --t,
  --vmf or --counts columns, whose families cannot).

Large files are read as a stream; data over --memory-limit is fitted out of core (streamed
EM, one pass over the rows per iteration; --algo em grids only, the others refuse it). The
rows are parsed once into a spill file of 8 bytes a cell in --spill-dir (default: the system
temp folder), removed at the end whatever happens; --no-spill re-parses the file every pass.

Outputs (checked before any work; written under temporary names and renamed at the end, so a
failed or interrupted run writes nothing; never over an input file):
  <data>.labels.csv   column "cluster" (0-based, -1 for noise) per input row, plus p0..p<k-1>
                      with --proba, or the algorithm's scores with --scores
  <data>.model.json   the fitted model, for "mixkit predict"

Exit status: 0 success, 2 bad usage or input, 1 write failure or internal error, 130 interrupted.

Examples:
  $ mixkit fit iris.csv --label species --k 3 --seed 1
  $ mixkit fit faithful.csv --k 1..6 --covariance full,diag,tied --criterion bic
  $ mixkit fit faithful.csv --select mclust          (R's Mclust(): 9 x 14 models, BIC table)
  $ mixkit fit faithful.csv --k 1..4 --covariance EEE,VEV,VVV
  $ mixkit fit iris.csv --ignore species --algo bayes --k 10 --prune
  $ mixkit fit iris.csv --ignore species --algo agglomerative --linkage average --height 1.5
  $ mixkit fit moons.csv --algo dbscan --eps 0.3 --min-pts 5 --scores
  $ mixkit fit moons.csv --algo hdbscan --min-pts 10
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

How new rows are labelled (the report prints the rule): mixtures and the variational mixture
by their most probable component, k-means by the nearest center, agglomerative models by the
label of the nearest training row (the method itself has no rule for new rows), DBSCAN by the
nearest core sample within eps, OPTICS by the nearest clustered row within eps-cluster, HDBSCAN
by the nearest clustered row within its core distance; the last three give -1 (noise)
otherwise.

Examples:
  $ mixkit predict iris.model.json new-flowers.csv
  $ mixkit predict iris.model.json new-flowers.csv --proba --out scored.csv
`;
