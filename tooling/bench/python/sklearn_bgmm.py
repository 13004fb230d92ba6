"""The 'bgmm' job of sklearn_bench.py (kept in its own file): scikit-learn's
BayesianGaussianMixture with tol=0 for exactly max_iter variational iterations.

  {"op": "bgmm", "data": <.f64 path>, "rows": n, "cols": d, "k": k,
   "covariance_type": "full"|"diag", "weight_prior": "dirichlet_process"|"dirichlet_distribution",
   "max_iter": 20, "reg_covar": 1e-6, "threads": 1}

The start is scikit-learn's init_params='random_from_data' (k random rows, random_state=0);
mixkit's contender starts its own way, so the two are compared per iteration, not by result.
"""

import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import BayesianGaussianMixture


def run_bgmm(job, load_matrix, limits, timed_fit):
    X = load_matrix(job["data"], job["rows"], job["cols"])
    model = BayesianGaussianMixture(
        n_components=job["k"],
        covariance_type=job["covariance_type"],
        weight_concentration_prior_type=job.get("weight_prior", "dirichlet_process"),
        tol=0.0,
        reg_covar=job.get("reg_covar", 1e-6),
        max_iter=job["max_iter"],
        n_init=1,
        init_params="random_from_data",
        random_state=0,
    )
    with limits(job.get("threads", 1)), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        seconds, cpu_seconds, peak = timed_fit(model, X, job.get("memory", False))
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "n_iter": int(model.n_iter_),
        "lower_bound": float(model.lower_bound_),
        "peak_bytes": peak,
        "params": {
            "weights": model.weights_.tolist(),
            "means": model.means_.tolist(),
            "covariances": np.asarray(model.covariances_).tolist(),
        },
    }
