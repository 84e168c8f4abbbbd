#!/usr/bin/env python3
"""Optuna 3.1's BruteForceSampler over a finite space, for jtune's `brute-force` benchmark.

Three integer parameters a, b, c in [0, n) (n^3 combinations), with c only when a is even (a
conditional parameter), objective a + b + c, in memory, one job, until the sampler stops the
study. Prints one JSON line per seed: trials run, distinct combinations, seconds.
  /usr/bin/python3 jtune-benchmarks/peers/optuna_brute_force.py --n 10 --seeds 0-2
"""
import argparse
import json
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=10)
    p.add_argument("--seeds", default="0-2")
    p.add_argument("--jobs", type=int, default=1)
    args = p.parse_args()
    lo, hi = (int(s) for s in args.seeds.split("-"))

    def objective(trial):
        a = trial.suggest_int("a", 0, args.n - 1)
        b = trial.suggest_int("b", 0, args.n - 1)
        c = trial.suggest_int("c", 0, args.n - 1) if a % 2 == 0 else 0
        return a + b + c

    for seed in range(lo, hi + 1):
        study = optuna.create_study(sampler=optuna.samplers.BruteForceSampler(seed=seed))
        started = time.perf_counter()
        study.optimize(objective, n_jobs=args.jobs)
        seconds = time.perf_counter() - started
        distinct = len({tuple(sorted(t.params.items())) for t in study.trials})
        print(json.dumps({"tool": "optuna", "seed": seed, "jobs": args.jobs,
                          "trials": len(study.trials), "distinct": distinct,
                          "seconds": round(seconds, 2)}), flush=True)


if __name__ == "__main__":
    main()
