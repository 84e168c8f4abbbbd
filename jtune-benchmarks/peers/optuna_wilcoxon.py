#!/usr/bin/env python3
"""Optuna's WilcoxonPruner on its own documentation example, for jtune's `wilcoxon` benchmark.

Minimizes the mean loss (x - c)^2 over `--instances` instances c evenly spaced in [-1, 1], x in
[-1, 1] drawn by random search, each trial evaluating the instances in its own shuffled order,
reporting each loss at the instance's id and returning the mean so far when the pruner says stop
(the pruner's advice). For each seed, with and without the pruner: instance evaluations spent,
the best trial's true mean loss over every instance, and seconds. One JSON line per run.

Needs Optuna >= 3.6 (the pruner; Debian's 3.1 has none): the Optuna 5.0.0 virtual environment,
  /usr/bin/python3 -m venv --system-site-packages /tmp/optuna5
  /tmp/optuna5/bin/pip install "optuna==5.0.0"
  /tmp/optuna5/bin/python jtune-benchmarks/peers/optuna_wilcoxon.py --seeds 0-9
"""
import argparse
import json
import time
import warnings

import numpy as np
import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)


def run(seed, pruned, args):
    instances = np.linspace(-1, 1, args.instances)
    rng = np.random.default_rng(seed)
    count = [0]

    def objective(trial):
        x = trial.suggest_float("x", -1, 1)
        losses = []
        for i in rng.permutation(args.instances):
            loss = (x - instances[i]) ** 2
            losses.append(loss)
            count[0] += 1
            trial.report(loss, int(i))
            if pruned and trial.should_prune():
                break
        return sum(losses) / len(losses)

    pruner = (optuna.pruners.WilcoxonPruner(p_threshold=args.p) if pruned
              else optuna.pruners.NopPruner())
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=seed), pruner=pruner)
    started = time.perf_counter()
    study.optimize(objective, n_trials=args.trials)
    seconds = time.perf_counter() - started
    x = study.best_params["x"]
    return {"tool": "optuna", "pruner": "wilcoxon" if pruned else "none", "seed": seed,
            "evaluations": count[0], "best_true": float(np.mean((x - instances) ** 2)),
            "seconds": round(seconds, 3),
            "pruned_trials": sum(1 for t in study.trials
                                 if len(t.intermediate_values) < args.instances)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", default="0-9")
    p.add_argument("--trials", type=int, default=100)
    p.add_argument("--instances", type=int, default=100)
    p.add_argument("--p", type=float, default=0.1)
    args = p.parse_args()
    lo, hi = (int(s) for s in args.seeds.split("-"))
    for seed in range(lo, hi + 1):
        for pruned in (False, True):
            print(json.dumps(run(seed, pruned, args)), flush=True)


if __name__ == "__main__":
    main()
