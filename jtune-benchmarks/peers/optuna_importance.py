#!/usr/bin/env python3
"""Optuna 3.1's parameter importances on the trials of jtune's `importance` benchmark.

Writes the trials it evaluates to DIR/importance_N.csv (columns f0..f7, c, n, value) so that
`java -jar jtune-benchmarks.jar importance --csv DIR/importance_N.csv` times jtune on exactly the
same trials, and prints one JSON line per (evaluator, size) with the field names `importance` uses.
The value is sum_i i * f_i + 0.1 * ord(c) + 0.01 * n (f_i uniform on [0, 1], c one of five letters,
n log-uniform on [1, 100]): the shares of f7, f6, ... follow i^2.

    /usr/bin/python3 optuna_importance.py --sizes 100 1000 --out-dir /tmp/imp --repeats 1

`--methods ped-anova` needs Optuna 3.6 or later (PedAnovaImportanceEvaluator); Optuna 5.0 in a
virtual environment (see optuna_ped_anova.py) writes the same trials from the same seed.
"""
import argparse
import csv
import json
import os
import statistics
import time

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

CHOICES = ["a", "b", "c", "d", "e"]


def make_trials(n, seed):
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        f = rng.uniform(0, 1, 8)
        c = CHOICES[rng.integers(0, 5)]
        num = int(min(100, max(1, round(float(np.exp(rng.uniform(0, np.log(100))))))))
        value = float(sum(i * f[i] for i in range(8)) + 0.1 * ord(c) + 0.01 * num)
        rows.append(([float(x) for x in f], c, num, value))
    return rows


def study_of(rows):
    dists = {"f%d" % i: FloatDistribution(0, 1) for i in range(8)}
    dists["c"] = CategoricalDistribution(CHOICES)
    dists["n"] = IntDistribution(1, 100, log=True)
    study = optuna.create_study()
    trials = []
    for f, c, num, value in rows:
        params = {"f%d" % i: f[i] for i in range(8)}
        params["c"] = c
        params["n"] = num
        trials.append(optuna.trial.create_trial(params=params, distributions=dists, value=value))
    study.add_trials(trials)
    return study


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--methods", nargs="+", default=["fanova", "mdi"])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out-dir", default=".")
    args = ap.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    os.makedirs(args.out_dir, exist_ok=True)
    for n in args.sizes:
        rows = make_trials(n, args.seed)
        with open(os.path.join(args.out_dir, "importance_%d.csv" % n), "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["f%d" % i for i in range(8)] + ["c", "n", "value"])
            for f, c, num, value in rows:
                w.writerow([repr(x) for x in f] + [c, num, repr(value)])
        study = study_of(rows)
        for method in args.methods:
            times = []
            result = None
            for _ in range(args.repeats):
                evaluator = (optuna.importance.FanovaImportanceEvaluator(seed=0) if method == "fanova"
                             else optuna.importance.PedAnovaImportanceEvaluator()
                             if method == "ped-anova"
                             else optuna.importance.MeanDecreaseImpurityImportanceEvaluator(seed=0))
                start = time.perf_counter()
                result = optuna.importance.get_param_importances(study, evaluator=evaluator)
                times.append(time.perf_counter() - start)
            print(json.dumps({"tool": "optuna", "method": method, "trials": n,
                              "seconds_median": statistics.median(times), "seconds": times,
                              "importances": result}), flush=True)


if __name__ == "__main__":
    main()
