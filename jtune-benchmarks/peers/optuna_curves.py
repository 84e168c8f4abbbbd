#!/usr/bin/env python3
"""Optuna 3.1 on the synthetic learning curves of jtune's `curves` benchmark (LearningCurves.java).

The curve family, search space and budgets are the same; the noise is numpy's (seeded per seed,
trial number and epoch), so single runs differ from jtune's and only the distributions over seeds
compare. One JSON line per (pruner, seed) run, with the field names of `curves`.

    /usr/bin/python3 optuna_curves.py --pruners none median asha hyperband --epoch-budget 2700
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import optuna

INITIAL_LOSS, NOISE, FLOOR = 2.3, 0.01, 0.08
BEST_LR = {"adam": -3.0, "momentum": -1.7, "sgd": -1.0}


def true_loss(p, epoch):
    u = math.log10(p["lr"]) - BEST_LR[p["optimizer"]]
    if u > 1.0:
        return float("nan") if epoch >= 5 else INITIAL_LOSS * (1 + 0.2 * epoch)
    width = math.log2(p["width"] / 256.0)
    batch = abs(math.log2(p["batch"] / 64.0))
    a = FLOOR + 0.05 * u * u + 0.01 * width * width + 0.4 * (p["dropout"] - 0.3) ** 2 + 0.01 * batch
    k = 0.15 * 10 ** (0.25 * u) * (64.0 / p["batch"]) ** 0.3
    if p["optimizer"] == "adam":
        k *= 1.3
    return a + (INITIAL_LOSS - a) * math.exp(-k * epoch)


def pruner(name, epochs):
    if name == "none":
        return optuna.pruners.NopPruner()
    if name == "median":
        return optuna.pruners.MedianPruner()
    if name == "asha":
        return optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3)
    if name == "hyperband":
        return optuna.pruners.HyperbandPruner(min_resource=1, max_resource=epochs,
                                              reduction_factor=3)
    raise SystemExit("unknown pruner " + name)


def run(name, seed, epochs, trials, budget, sampler_name="random"):
    spent = [0]

    def objective(trial):
        p = {"lr": trial.suggest_float("lr", 1e-4, 1.0, log=True),
             "width": trial.suggest_int("width", 16, 1024, log=True),
             "dropout": trial.suggest_float("dropout", 0.0, 0.8),
             "optimizer": trial.suggest_categorical("optimizer", ["sgd", "momentum", "adam"]),
             "batch": trial.suggest_categorical("batch", [32, 64, 128, 256])}
        loss = float("nan")
        for epoch in range(1, epochs + 1):
            rng = np.random.default_rng([seed, trial.number, epoch])
            loss = true_loss(p, epoch) + NOISE * rng.standard_normal()
            spent[0] += 1
            trial.report(loss, epoch)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return loss

    def stop(study, _):
        if budget and spent[0] >= budget:
            study.stop()

    study = optuna.create_study(study_name=f"curves-{name}-{seed}",
                                sampler=optuna.samplers.TPESampler(seed=seed)
                                if sampler_name == "tpe" else optuna.samplers.RandomSampler(seed=seed),
                                pruner=pruner(name, epochs))
    start = time.perf_counter()
    study.optimize(objective, n_trials=trials, callbacks=[stop])
    wall = time.perf_counter() - start
    ts = study.trials
    complete = [t for t in ts if t.state == optuna.trial.TrialState.COMPLETE]
    best = min(complete, key=lambda t: t.value) if complete else None
    return {"benchmark": "curves", "sampler": "optuna-" + sampler_name, "pruner": name, "seed": seed,
            "max_epochs": epochs, "trial_limit": trials, "epoch_budget": budget,
            "trials": len(ts), "complete": len(complete),
            "pruned": sum(t.state == optuna.trial.TrialState.PRUNED for t in ts),
            "failed": sum(t.state == optuna.trial.TrialState.FAIL for t in ts),
            "epochs": spent[0], "best_value": best.value if best else None,
            "best_true_loss": true_loss(best.params, epochs) if best else None,
            "best_trial": best.number if best else None, "wall_s": wall}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pruners", nargs="+", default=["none", "median", "asha", "hyperband"])
    ap.add_argument("--sampler", choices=["random", "tpe"], default="random")
    ap.add_argument("--seeds", nargs="+", type=int, default=list(range(10)))
    ap.add_argument("--epochs", type=int, default=81)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--epoch-budget", type=int, default=0)
    args = ap.parse_args()
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    for name in args.pruners:
        for seed in args.seeds:
            r = run(name, seed, args.epochs, args.trials, args.epoch_budget, args.sampler)
            print(json.dumps(r), flush=True)
            print(f"optuna curves: {name} seed {seed}: {r['trials']} trials, {r['epochs']} epochs, "
                  f"best {r['best_value']}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
