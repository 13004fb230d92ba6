#!/usr/bin/env Rscript
# R side of the mixkit benchmark harness (tooling/bench): R's dbscan package (DBSCAN, OPTICS,
# HDBSCAN) and, when installed, mclust (Mclust's model selection), as a persistent worker
# reading one JSON job per line on stdin and answering one JSON line on stdout, like
# python/sklearn_bench.py. Timing is taken here around the call only (proc.time: elapsed, and
# user + system CPU). R, dbscan and mclust run single-threaded.
#
# Jobs (each may carry "id", echoed back):
#   {"op": "info"}
#   {"op": "dbscan", "data": <.f64 path>, "rows": n, "cols": d, "eps": e, "minPts": m}
#   {"op": "optics", "data": ..., "eps": e, "minPts": m}
#   {"op": "hdbscan", "data": ..., "minPts": m}
#   {"op": "mclust", "data": ..., "G": [1, ..., 9], "modelNames": ["EII", ...]}
#     answers the chosen model, its G, BIC and log-likelihood instead of labels
#   {"op": "quit"}
# Labels are returned with noise as -1 and clusters from 0 (R's cluster id minus one).
# Run by hand: printf '{"op":"info"}\n' | Rscript tooling/bench/r/r_bench.R
suppressPackageStartupMessages({
  ok <- requireNamespace("dbscan", quietly = TRUE) && requireNamespace("jsonlite", quietly = TRUE)
})
reply <- function(x) {
  cat(jsonlite::toJSON(x, auto_unbox = TRUE, digits = I(17)), "\n", sep = "")
  flush(stdout())
}
if (!ok) {
  reply(list(ok = FALSE, unavailable = "R packages dbscan and jsonlite are needed"))
  quit(status = 0)
}
reply(list(ok = TRUE))

cache <- new.env()
load_matrix <- function(path, rows, cols) {
  key <- paste(path, rows, cols)
  if (!identical(cache$key, key)) {
    values <- readBin(path, what = "double", n = rows * cols, size = 8, endian = "little")
    if (length(values) != rows * cols) stop(sprintf("%s: %d values, expected %d", path, length(values), rows * cols))
    cache$X <- matrix(values, nrow = rows, ncol = cols, byrow = TRUE)
    cache$key <- key
  }
  cache$X
}

timed <- function(expr) {
  gc()
  start <- proc.time()
  value <- force(expr)
  used <- proc.time() - start
  list(value = value, seconds = unname(used[["elapsed"]]), cpu_seconds = unname(used[["user.self"]] + used[["sys.self"]]))
}

con <- file("stdin")
open(con)
while (length(line <- readLines(con, n = 1)) > 0) {
  job <- jsonlite::fromJSON(line)
  if (identical(job$op, "quit")) break
  answer <- tryCatch({
    if (identical(job$op, "info")) {
      list(
        ok = TRUE, r = R.version.string, dbscan = as.character(packageVersion("dbscan")),
        mclust = if (requireNamespace("mclust", quietly = TRUE)) as.character(packageVersion("mclust")) else "not installed"
      )
    } else if (identical(job$op, "mclust")) {
      # Mclust() calls mclustBIC() and friends unqualified: the package must be attached.
      if (!suppressPackageStartupMessages(require("mclust", quietly = TRUE))) stop("the R package mclust is not installed")
      X <- load_matrix(job$data, job$rows, job$cols)
      run <- timed(mclust::Mclust(X, G = job$G, modelNames = job$modelNames, verbose = FALSE))
      fit <- run$value
      list(
        ok = TRUE, seconds = run$seconds, cpu_seconds = run$cpu_seconds,
        modelName = fit$modelName, G = fit$G, bic = fit$bic, loglik = fit$loglik
      )
    } else {
      X <- load_matrix(job$data, job$rows, job$cols)
      run <- switch(job$op,
        dbscan = timed(dbscan::dbscan(X, eps = job$eps, minPts = job$minPts)$cluster),
        optics = timed(dbscan::extractDBSCAN(dbscan::optics(X, eps = job$eps, minPts = job$minPts), eps_cl = job$epsCluster)$cluster),
        hdbscan = timed(dbscan::hdbscan(X, minPts = job$minPts)$cluster),
        stop(paste("unknown op", job$op))
      )
      list(ok = TRUE, seconds = run$seconds, cpu_seconds = run$cpu_seconds, labels = run$value - 1L)
    }
  }, error = function(e) list(ok = FALSE, error = conditionMessage(e)))
  if (!is.null(job$id)) answer$id <- job$id
  reply(answer)
}
