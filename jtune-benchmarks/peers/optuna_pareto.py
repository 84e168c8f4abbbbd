#!/usr/bin/env python3
"""Optuna 3.1's NSGA-II and TPE (and random search) on the problems of jtune's `pareto` benchmark.

Prints one JSON line per (sampler, problem, seed) with the field names `pareto` uses: the
hypervolume of the trials so far at each checkpoint (Optuna's own WFG) and the seconds per trial.
The problems and reference points are those of ParetoProblem.java: ZDT1-3 in 10 variables
(reference (1.1, 11)) and DTLZ2 in 7 variables with 3 objectives (reference (2.5, 2.5, 2.5)).

    /usr/bin/python3 optuna_pareto.py --seeds 10 --trials 1000
"""
import argparse
import json
import math
import time
import warnings

import numpy as np
import optuna
from optuna._hypervolume import WFG

PROBLEMS = {"zdt1": (10, [1.1, 11.0]), "zdt2": (10, [1.1, 11.0]), "zdt3": (10, [1.1, 11.0]),
            "dtlz2": (7, [2.5, 2.5, 2.5])}


def objectives(problem, x):
    if problem == "dtlz2":
        g = sum((v - 0.5) ** 2 for v in x[2:])
        a, b = x[0] * math.pi / 2, x[1] * math.pi / 2
        return ((1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b),
                (1 + g) * math.sin(a))
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    ratio = x[0] / g
    if problem == "zdt1":
        h = 1 - math.sqrt(ratio)
    elif problem == "zdt2":
        h = 1 - ratio * ratio
    else:
        h = 1 - math.sqrt(ratio) - ratio * math.sin(10 * math.pi * x[0])
    return x[0], g * h


def hypervolume(values, reference):
    ref = np.array(reference)
    points = np.array([v for v in values if all(v[i] < ref[i] for i in range(len(ref)))])
    if len(points) == 0:
        return 0.0
    # only the non-dominated points count; WFG on all of them is slow in three objectives
    front = [p for p in points
             if not any(np.all(q <= p) and np.any(q < p) for q in points)]
    return float(WFG().compute(np.array(front), ref))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="zdt1,zdt2,zdt3,dtlz2")
    parser.add_argument("--samplers", default="nsga2")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=1000)
    parser.add_argument("--checkpoints", default="200,500,1000")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore")
    checkpoints = [int(c) for c in args.checkpoints.split(",")]
    for sampler_name in args.samplers.split(","):
        for problem in args.problems.split(","):
            n, reference = PROBLEMS[problem]
            for seed in range(args.seeds):
                sampler = {"nsga2": optuna.samplers.NSGAIISampler,
                           "tpe": optuna.samplers.TPESampler,
                           "random": optuna.samplers.RandomSampler}[sampler_name](seed=seed)
                study = optuna.create_study(directions=["minimize"] * len(reference),
                                            sampler=sampler)

                def objective(trial):
                    return objectives(problem, [trial.suggest_float("x%d" % i, 0, 1)
                                                for i in range(n)])

                start = time.perf_counter()
                study.optimize(objective, n_trials=args.trials)
                seconds = time.perf_counter() - start
                values = [t.values for t in sorted(study.trials, key=lambda t: t.number)]
                print(json.dumps({
                    "tool": "optuna", "sampler": sampler_name, "problem": problem, "seed": seed,
                    "trials": args.trials, "seconds_per_trial": seconds / args.trials,
                    "hypervolume": {str(c): hypervolume(values[:c], reference)
                                    for c in checkpoints}}), flush=True)


if __name__ == "__main__":
    main()
