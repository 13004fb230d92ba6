#!/usr/bin/python3
"""scikit-learn's side of the benchmark grid (tooling/bench, suite `grid`): one fit in a fresh
process, as a user runs it.

Usage: sklearn_fresh.py '<job json>' with the job of src/grid/freshFit.ts:
  {"fit": "kmeans"|"gmm-full"|"gmm-diag", "dataFile": ..., "initFile": ..., "rows": n,
   "cols": d, "iterations": m, "workers": w}
The data file is raw little-endian row-major float64 (what the JS contenders read); reading it
is not timed. The fit runs twice in this process, on max(1, w) OpenMP threads (BLAS limited to
1 thread; scikit-learn's k-means runs on OpenMP): the first is the fresh whole fit (its imports are done before timing, as any script
imports first), the second the same fit warm. KMeans is Lloyd from the given centers, n_init=1,
tol=0; GaussianMixture starts from the given weights, means and precisions with tol=0 (its fit
also runs the initial M-step of init_params and a final E-step). Prints one line:
FRESH {"peakBytes", "cold": {"seconds", "cpuSeconds"}, "warm": {...}, "iterations", "result",
"details"}, peakBytes being the process's peak RSS above its RSS after reading the data.
"""

import json
import resource
import sys
import time
import warnings

import numpy as np
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

try:
    from threadpoolctl import threadpool_limits
except ImportError:
    threadpool_limits = None

REG_COVAR = 1e-6  # scikit-learn's default, given to both sides explicitly


def timed(fit):
    cpu = time.process_time()
    start = time.perf_counter()
    value = fit()
    return value, {"seconds": time.perf_counter() - start, "cpuSeconds": time.process_time() - cpu}


def rss_bytes():
    """Current resident set size (Linux /proc/self/statm: pages)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize()


def main():
    job = json.loads(sys.argv[1])
    X = np.fromfile(job["dataFile"], dtype="<f8").reshape(job["rows"], job["cols"])
    with open(job["initFile"], encoding="utf-8") as handle:
        init = json.load(handle)
    k = len(init["centers"])
    if job["fit"] == "kmeans":
        centers = np.asarray(init["centers"], dtype=np.float64)

        def fit():
            return KMeans(
                n_clusters=k, init=centers, n_init=1, max_iter=job["iterations"], tol=0.0,
                algorithm="lloyd", random_state=0,
            ).fit(X)
    else:
        cov_type = "full" if job["fit"] == "gmm-full" else "diag"

        def fit():
            return GaussianMixture(
                n_components=k, covariance_type=cov_type, tol=0.0, reg_covar=REG_COVAR,
                max_iter=job["iterations"], n_init=1, init_params="random_from_data",
                weights_init=np.asarray(init["weights"], dtype=np.float64),
                means_init=np.asarray(init["means"], dtype=np.float64),
                precisions_init=np.asarray(init[cov_type]["precisions"], dtype=np.float64),
                random_state=0,
            ).fit(X)

    before = rss_bytes()
    if threadpool_limits is not None:
        # For the rest of this process (the environment says 1 thread; this raises OpenMP).
        threadpool_limits(limits={"blas": 1, "openmp": max(1, job.get("workers", 0))})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, cold = timed(fit)
        model, warm = timed(fit)
    if job["fit"] == "kmeans":
        result = model.cluster_centers_.tolist()
        details = {"inertia_": float(model.inertia_)}
    else:
        result = {
            "weights": model.weights_.tolist(),
            "means": model.means_.tolist(),
            "covariances": model.covariances_.tolist(),
        }
        details = {"lower_bound_": float(model.lower_bound_)}
    peak = max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before)
    print("FRESH " + json.dumps({
        "peakBytes": peak, "cold": cold, "warm": warm, "iterations": int(model.n_iter_),
        "result": result, "details": details,
    }), flush=True)


if __name__ == "__main__":
    main()
