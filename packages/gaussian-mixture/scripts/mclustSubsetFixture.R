# Fixture of R's Mclust() when its hierarchical initialisation runs on a subset of the rows (as it
# does by default above mclust.options("subset") = 2000 rows). Debian's r-cran-mclust; run with
# Rscript from the package folder:
#   Rscript scripts/mclustSubsetFixture.R
# Writes src/__fixtures__/mclust/subset.csv (the data, 17 significant digits) and subset.json
# with the subset (0-based, in the order drawn), the BIC table (G x model, null where NA), the
# choice and its log-likelihood, for Mclust(X, initialization = list(subset = subset)).
suppressMessages(library(mclust))
library(jsonlite)
set.seed(20261207)
n <- 2600
G0 <- 4
centers <- matrix(c(0, 0, 4, 0, 0, 5, 5, 5, 2, 2, 2, 2), ncol = 3, byrow = TRUE)[1:G0, ]
group <- sample(1:G0, n, replace = TRUE, prob = c(0.4, 0.3, 0.2, 0.1))
X <- centers[group, ] + matrix(rnorm(n * 3), ncol = 3) * c(1, 0.6, 1.4, 0.8)[group]
colnames(X) <- c("x1", "x2", "x3")
subset <- sample(seq_len(n), 700)
fit <- Mclust(X, G = 1:6, initialization = list(subset = subset), verbose = FALSE)
B <- fit$BIC
table <- lapply(seq_len(nrow(B)), function(g) setNames(lapply(colnames(B), function(m) {
  v <- B[g, m]; if (is.na(v)) NULL else v }), colnames(B)))
names(table) <- rownames(B)
out <- "src/__fixtures__/mclust"
lines <- c(paste(colnames(X), collapse = ","),
           apply(X, 1, function(r) paste(sprintf("%.17g", r), collapse = ",")))
writeLines(lines, file.path(out, "subset.csv"))
writeLines(toJSON(list(
  mclustVersion = as.character(packageVersion("mclust")),
  subset = subset - 1L,
  G = 1:6,
  table = table,
  modelName = fit$modelName, bestG = fit$G, bic = fit$bic, loglik = fit$loglik
), auto_unbox = TRUE, digits = I(17)), file.path(out, "subset.json"))
cat(fit$modelName, fit$G, fit$bic, "\n")
