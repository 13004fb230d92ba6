# Fixtures from R's mclust (Debian's r-cran-mclust; run with Rscript from the package folder):
#   Rscript scripts/mclustFixtures.R
# For each data set it writes src/__fixtures__/mclust/<name>.csv (the data, 17 significant digits)
# and src/__fixtures__/mclust/<name>.json with
#   - hc: the partitions of mclust's default hierarchical initialisation (hc with
#     mclust.options("hcModelName") and ("hcUse")), G = 1..9, as 0-based labels;
#   - bic: Mclust()'s BIC table (G x model, null where mclust gives NA), its choice and loglik;
#   - traces: for G = 3 and every model, the log-likelihood after each EM iteration of
#     me(model, data, unmap(hc partition)) (iteration t from me with itmax t), up to 25 iterations
#     or mclust's convergence, and the iteration count mclust converges in;
#   - summary: the text of summary(mclustBIC) and print(mclustBIC).
suppressMessages(library(mclust))
library(jsonlite)
out <- "src/__fixtures__/mclust"
dir.create(out, showWarnings = FALSE, recursive = TRUE)

data(diabetes); data(banknote); data(wreath); data(thyroid)
sets <- list(
  faithful = as.matrix(faithful),
  iris = as.matrix(iris[, 1:4]),
  diabetes = as.matrix(diabetes[, -1]),
  banknote = as.matrix(banknote[, -1]),
  thyroid = as.matrix(thyroid[, -1]),
  wreath = as.matrix(wreath)
)
models <- mclust.options("emModelNames")
traceG <- 3
maxTrace <- 25

for (name in names(sets)) {
  X <- sets[[name]]
  colnames(X) <- if (is.null(colnames(X))) paste0("x", seq_len(ncol(X))) else colnames(X)
  lines <- c(paste(colnames(X), collapse = ","),
             apply(X, 1, function(r) paste(sprintf("%.17g", r), collapse = ",")))
  writeLines(lines, file.path(out, paste0(name, ".csv")))

  hcPairs <- hc(X, modelName = mclust.options("hcModelName"), use = mclust.options("hcUse"))
  partitions <- hclass(hcPairs, 1:9)
  hcList <- lapply(1:9, function(G) as.integer(partitions[, G]) - 1L)

  fit <- Mclust(X)
  B <- fit$BIC
  table <- lapply(seq_len(nrow(B)), function(g) lapply(colnames(B), function(m) {
    v <- B[g, m]; if (is.na(v)) NULL else v }))
  names(table) <- rownames(B)
  table <- lapply(table, function(row) setNames(row, colnames(B)))

  z0 <- unmap(partitions[, traceG])
  traces <- list()
  for (m in models) {
    full <- me(X, m, z0)
    converged <- as.numeric(unlist(attr(full, "info"))[1])
    T <- min(maxTrace, if (is.na(converged)) maxTrace else converged)
    ll <- c()
    for (t in 1:T) {
      r <- me(X, m, z0, control = emControl(itmax = c(t, .Machine$integer.max)))
      if (is.na(r$loglik)) break
      ll <- c(ll, r$loglik)
    }
    traces[[m]] <- list(loglik = ll, iterations = unname(converged),
                        finalLoglik = if (is.na(full$loglik)) NULL else full$loglik)
  }

  doc <- list(
    name = name, n = nrow(X), d = ncol(X),
    mclustVersion = as.character(packageVersion("mclust")),
    options = list(hcModelName = mclust.options("hcModelName"), hcUse = mclust.options("hcUse"),
                   tol = emControl()$tol, itmax = emControl()$itmax),
    hc = hcList,
    bic = list(table = table, modelName = fit$modelName, G = fit$G, bic = fit$bic,
               loglik = fit$loglik, df = fit$df),
    traceG = traceG,
    traces = traces,
    summary = capture.output(summary(B)),
    print = capture.output(print(B))
  )
  write(toJSON(doc, auto_unbox = TRUE, digits = I(17), null = "null", pretty = FALSE),
        file.path(out, paste0(name, ".json")))
  cat(name, fit$modelName, fit$G, fit$bic, "\n")
}
