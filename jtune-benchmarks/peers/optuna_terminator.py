"""Optuna's terminator on a cross-validated synthetic objective, for jtune's `terminator` benchmark.

Runs random search on f(x, y) = -(x - 0.5)^2 - (log10(y) + 1)^2 (maximum 0 at x = 0.5, y = 0.1),
each trial scored as the mean of 5 "fold" scores f + noise * N(0, 1), and evaluates Optuna's
RegretBoundEvaluator and CrossValidationErrorEvaluator every `--every` trials from 20 on, without
stopping the study. Writes one JSON file with every run's trials (params, value, fold scores) and
Optuna's bounds, errors and evaluation times; `java -jar jtune-benchmarks.jar terminator --json
FILE` evaluates jtune's terminator on the same trials.

Needs Optuna >= 3.2 (the terminator; Optuna 3.1 has none): a virtual environment over Debian's
PyTorch with the Optuna 5.0.0 wheel,
  /usr/bin/python3 -m venv --system-site-packages /tmp/optuna5
  /tmp/optuna5/bin/pip install "optuna==5.0.0"
"""
import argparse
import json
import time
import warnings

import numpy as np
import optuna
from optuna.terminator import CrossValidationErrorEvaluator
from optuna.terminator import RegretBoundEvaluator
from optuna.terminator import report_cross_validation_scores

warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
optuna.logging.set_verbosity(optuna.logging.WARNING)


def truth(x, y):
    return -(x - 0.5) ** 2 - (np.log10(y) + 1) ** 2


def run(seed, noise, budget, every):
    study = optuna.create_study(direction="maximize",
                                sampler=optuna.samplers.RandomSampler(seed=seed))
    rng = np.random.default_rng(seed)

    def objective(trial):
        x = trial.suggest_float("x", -2, 2)
        y = trial.suggest_float("y", 1e-3, 1, log=True)
        scores = truth(x, y) + noise * rng.standard_normal(5)
        report_cross_validation_scores(trial, [float(s) for s in scores])
        return float(scores.mean())

    checks = []
    improvement = RegretBoundEvaluator(seed=seed)
    error = CrossValidationErrorEvaluator()
    for n in range(1, budget + 1):
        study.optimize(objective, n_trials=1)
        if n >= 20 and n % every == 0:
            t0 = time.perf_counter()
            bound = improvement.evaluate(study.trials, study.direction)
            seconds = time.perf_counter() - t0
            checks.append({"n": n, "bound": bound,
                           "error": error.evaluate(study.trials, study.direction),
                           "seconds": seconds})
    trials = [{"x": t.params["x"], "y": t.params["y"], "value": t.value,
               "scores": t.system_attrs["terminator:cv_scores"]} for t in study.trials]
    return {"seed": seed, "noise": noise, "trials": trials, "optuna": checks}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", default="0,1,2,3,4")
    p.add_argument("--noises", default="0.01,0.1")
    p.add_argument("--budget", type=int, default=200)
    p.add_argument("--every", type=int, default=10)
    p.add_argument("--out", default="terminator_runs.json")
    a = p.parse_args()
    runs = []
    for noise in [float(v) for v in a.noises.split(",")]:
        for seed in [int(v) for v in a.seeds.split(",")]:
            runs.append(run(seed, noise, a.budget, a.every))
            print(json.dumps({k: runs[-1][k] for k in ("seed", "noise")}), flush=True)
    with open(a.out, "w") as f:
        json.dump({"optuna": optuna.__version__, "budget": a.budget, "every": a.every,
                   "runs": runs}, f)


if __name__ == "__main__":
    main()
