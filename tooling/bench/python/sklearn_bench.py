#!/usr/bin/python3
"""scikit-learn side of the mixkit benchmark harness (tooling/bench).

A persistent worker: it reads one JSON job per line on stdin and answers one JSON line on stdout,
so the TypeScript harness can interleave scikit-learn runs with the JavaScript contenders
(A B A B ...) without paying the interpreter start-up for every run. Timing is taken here, around
the `fit` call only, with `time.perf_counter`.

Jobs (every job may carry "id", echoed back):
  {"op": "info"}
      versions of python, numpy, scikit-learn and threadpoolctl's view of the BLAS/OpenMP libraries.
  {"op": "gmm", "data": <.f64 path>, "rows": n, "cols": d, "init": <init json path>,
   "covariance_type": "full"|"diag", "max_iter": 20, "reg_covar": 1e-6, "threads": 1,
   "memory": false}
      GaussianMixture fitted from the given weights/means/precisions with tol=0, so it runs exactly
      max_iter EM iterations. Returns seconds, n_iter, lower_bound and the fitted parameters.
  {"op": "kmeans", "data": ..., "rows": n, "cols": d, "init": <init json path>,
   "algorithm": "lloyd"|"elkan", "max_iter": 20, "threads": 1|2, "memory": false}
      KMeans(n_init=1, tol=0) from the given centers. Returns seconds, n_iter and the centers.
  {"op": "dbscan", "data": ..., "rows": n, "cols": d, "eps": e, "min_samples": m, "memory": false}
      DBSCAN(eps, min_samples) with its default neighbour search (algorithm='auto': a KD-tree
      for these data). Returns seconds and the labels.
  {"op": "ward", "data": ..., "rows": n, "cols": d, "n_clusters": k, "memory": false}
      AgglomerativeClustering(linkage='ward', n_clusters=k) (SciPy's NN-chain on the condensed
      distance matrix). Returns seconds and the labels.
  {"op": "bgmm", ...}
      BayesianGaussianMixture for exactly max_iter iterations (see sklearn_bgmm.py).
  {"op": "quit"}

With "memory": true the fit runs under tracemalloc (numpy reports its buffers to it) and the
answer carries peak_bytes: the peak of traced allocations during the fit, over what was allocated
before it. Such a run is slower and is never used for timing.

The data file is raw little-endian row-major float64, exactly what the JS contenders read.
Run by hand: `printf '{"op":"info"}\n' | /usr/bin/python3 tooling/bench/python/sklearn_bench.py`.
"""

import json
import platform
import sys
import time
import tracemalloc
import warnings

try:
    import numpy as np
    import sklearn
    from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import BayesianGaussianMixture, GaussianMixture
except ImportError as error:  # the harness marks every scikit-learn row unavailable
    print(json.dumps({"ok": False, "unavailable": f"import failed: {error}"}), flush=True)
    sys.exit(0)

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:
    threadpool_info = None
    threadpool_limits = None

_data_cache = {}


def load_matrix(path, rows, cols):
    key = (path, rows, cols)
    if key not in _data_cache:
        _data_cache.clear()  # keep one workload in memory at a time
        X = np.fromfile(path, dtype="<f8")
        if X.size != rows * cols:
            raise ValueError(f"{path}: {X.size} values, expected {rows}x{cols}")
        _data_cache[key] = X.reshape(rows, cols)
    return _data_cache[key]


def load_init(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class Limits:
    """threadpoolctl limits when available; otherwise rely on the *_NUM_THREADS environment."""

    def __init__(self, threads):
        self.threads = threads
        self.inner = None

    def __enter__(self):
        if threadpool_limits is not None:
            # BLAS stays single-threaded; OpenMP (KMeans' chunk loop) gets the requested count.
            self.inner = threadpool_limits(limits={"blas": 1, "openmp": self.threads})
            self.inner.__enter__()
        return self

    def __exit__(self, *exc):
        if self.inner is not None:
            self.inner.__exit__(*exc)
        return False


def timed_fit(estimator, X, memory):
    """Wall seconds, CPU seconds (all threads of this process) and traced peak bytes or None."""
    if memory:
        tracemalloc.start()
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
    cpu = time.process_time()
    start = time.perf_counter()
    estimator.fit(X)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    peak = None
    if memory:
        _, traced = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak = traced - before
    return seconds, cpu_seconds, peak


def run_gmm(job):
    X = load_matrix(job["data"], job["rows"], job["cols"])
    init = load_init(job["init"])
    cov_type = job["covariance_type"]
    k = len(init["weights"])
    precisions = np.asarray(init[cov_type]["precisions"], dtype=np.float64)
    model = GaussianMixture(
        n_components=k,
        covariance_type=cov_type,
        tol=0.0,
        reg_covar=job.get("reg_covar", 1e-6),
        max_iter=job["max_iter"],
        n_init=1,
        # Overridden by the *_init arguments below; 'random_from_data' is the cheapest way
        # through sklearn's mandatory initial M-step.
        init_params="random_from_data",
        weights_init=np.asarray(init["weights"], dtype=np.float64),
        means_init=np.asarray(init["means"], dtype=np.float64),
        precisions_init=precisions,
        random_state=0,
    )
    with Limits(job.get("threads", 1)), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        seconds, cpu_seconds, peak = timed_fit(model, X, job.get("memory", False))
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "n_iter": int(model.n_iter_),
        "lower_bound": float(model.lower_bound_),
        "converged": bool(model.converged_),
        "peak_bytes": peak,
        "params": {
            "weights": model.weights_.tolist(),
            "means": model.means_.tolist(),
            "covariances": model.covariances_.tolist(),
        },
    }


def run_kmeans(job):
    X = load_matrix(job["data"], job["rows"], job["cols"])
    init = load_init(job["init"])
    centers = np.asarray(init["centers"], dtype=np.float64)
    model = KMeans(
        n_clusters=centers.shape[0],
        init=centers,
        n_init=1,
        max_iter=job["max_iter"],
        tol=0.0,
        algorithm=job["algorithm"],
        random_state=0,
    )
    with Limits(job.get("threads", 1)), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        seconds, cpu_seconds, peak = timed_fit(model, X, job.get("memory", False))
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "n_iter": int(model.n_iter_),
        "inertia": float(model.inertia_),
        "peak_bytes": peak,
        "centers": model.cluster_centers_.tolist(),
    }


def run_restarts(job):
    """KMeans, GaussianMixture or BayesianGaussianMixture (full) with n_init seeded restarts,
    sklearn's own seeding (k-means++; the mixtures' k-means init) and default tolerances:
    whole-fit time."""
    X = load_matrix(job["data"], job["rows"], job["cols"])
    k = job["k"]
    if job["model"] == "kmeans":
        model = KMeans(n_clusters=k, init="k-means++", n_init=job["n_init"], random_state=0)
    elif job["model"] == "bgmm":
        model = BayesianGaussianMixture(
            n_components=k, covariance_type="full", n_init=job["n_init"], random_state=0
        )
    else:
        model = GaussianMixture(
            n_components=k, covariance_type="full", n_init=job["n_init"], random_state=0
        )
    with Limits(job.get("threads", 1)), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        seconds, cpu_seconds, peak = timed_fit(model, X, job.get("memory", False))
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "n_iter": int(model.n_iter_),
        "peak_bytes": peak,
    }


def run_select(job):
    """Model selection as scikit-learn's GMM selection example does it: a GaussianMixture per
    covariance type and number of components (n_init seeded restarts each), the lowest BIC
    kept; whole-selection time."""
    X = load_matrix(job["data"], job["rows"], job["cols"])
    best = None
    start = time.perf_counter()
    cpu_start = time.process_time()
    with Limits(job.get("threads", 1)), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for covariance_type in job["covariance_types"]:
            for k in job["n_components"]:
                model = GaussianMixture(
                    n_components=k,
                    covariance_type=covariance_type,
                    n_init=job["n_init"],
                    random_state=0,
                ).fit(X)
                bic = model.bic(X)
                if best is None or bic < best[0]:
                    best = (bic, covariance_type, k)
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu_start,
        "best": f"{best[1]} k={best[2]}",
    }


def run_labels(model, job):
    X = load_matrix(job["data"], job["rows"], job["cols"])
    with Limits(1):
        seconds, cpu_seconds, peak = timed_fit(model, X, job.get("memory", False))
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_bytes": peak, "labels": model.labels_.tolist()}


def run_dbscan(job):
    return run_labels(DBSCAN(eps=job["eps"], min_samples=job["min_samples"]), job)


def run_ward(job):
    return run_labels(AgglomerativeClustering(n_clusters=job["n_clusters"], linkage="ward"), job)


def info():
    pools = threadpool_info() if threadpool_info is not None else None
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "threadpoolctl": pools is not None,
        "threadpools": pools,
    }


def main():
    print(json.dumps({"ok": True, "ready": True}), flush=True)
    handlers = {
        "gmm": run_gmm,
        "kmeans": run_kmeans,
        "restarts": run_restarts,
        "select": run_select,
        "dbscan": run_dbscan,
        "ward": run_ward,
        "info": lambda job: info(),
    }
    # The variational mixture's job lives in its own file (sklearn_bgmm.py).
    from sklearn_bgmm import run_bgmm

    handlers["bgmm"] = lambda job: run_bgmm(job, load_matrix, Limits, timed_fit)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        job = json.loads(line)
        if job.get("op") == "quit":
            break
        try:
            handler = handlers[job["op"]]
            answer = {"ok": True, "id": job.get("id"), **handler(job)}
        except Exception as error:  # report, keep serving the other jobs
            answer = {"ok": False, "id": job.get("id"), "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
