#!/usr/bin/env python3
"""Optuna's PedAnovaImportanceEvaluator (Optuna 5.0, conditional PED-ANOVA) as jtune's peer.

`--fixture FILE` writes the trials of a few seeded studies and Optuna's raw importances for
each evaluator setting to FILE (JSON), which jtune-core's PedAnovaEvaluatorTest replays:
numbers, log numbers, integers, log integers, a stepped float, a choice, a parameter present
only for one choice, one whose range differs by choice (two regimes), a fixed parameter, a
maximized study and one whose values tie.

Its speed is measured by `optuna_importance.py --methods ped-anova`, on the trials jtune's
`importance` benchmark reads.

Optuna 5 is not a Debian package: install it into a virtual environment, e.g.
  /usr/bin/python3 -m venv /tmp/optuna5 && /tmp/optuna5/bin/pip install optuna==5.0.0
  /tmp/optuna5/bin/python jtune-benchmarks/peers/optuna_ped_anova.py --fixture out.json
"""
import argparse
import json
import math
import warnings

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import PedAnovaImportanceEvaluator

SETTINGS = [
    {"target_quantile": 0.1, "region_quantile": 1.0, "evaluate_on_local": True},
    {"target_quantile": 0.2, "region_quantile": 0.5, "evaluate_on_local": True},
    {"target_quantile": 0.25, "region_quantile": 1.0, "evaluate_on_local": False},
]


def objective(trial, ties):
    x = trial.suggest_float("x", -10, 10)
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    n = trial.suggest_int("n", 1, 20)
    u = trial.suggest_int("u", 1, 1024, log=True)
    s = trial.suggest_float("s", 0.0, 1.0, step=0.1)
    trial.suggest_float("fixed", 0.5, 0.5)
    c = trial.suggest_categorical("c", ["a", "b", "c"])
    extra = 0.0
    if c == "a":
        extra += (trial.suggest_float("momentum", 0.5, 0.99) - 0.9) ** 2 * 10
    elif c == "b":
        extra += trial.suggest_int("k", 1, 5)
    else:
        extra += trial.suggest_int("k", 1, 10) / 3
    v = x * x / 10 + (math.log10(lr) + 3) ** 2 + abs(n - 7) / 5 + math.log2(u) / 20 + s + extra
    return float(round(v)) if ties else v


def study(seed, trials, direction="minimize", ties=False):
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    st = optuna.create_study(direction=direction, sampler=optuna.samplers.RandomSampler(seed=seed))
    st.optimize(lambda t: objective(t, ties), n_trials=trials)
    return st


def encode(dist):
    if isinstance(dist, CategoricalDistribution):
        return {"type": "categorical", "choices": list(dist.choices)}
    kind = "int" if isinstance(dist, IntDistribution) else "float"
    return {"type": kind, "low": dist.low, "high": dist.high, "log": dist.log,
            "step": dist.step if dist.step is not None else 0}


def fixture(path):
    cases = []
    for name, st in [("minimize", study(0, 80)), ("maximize", study(1, 60, "maximize")),
                     ("ties", study(2, 50, ties=True)), ("few", study(3, 12))]:
        dists = []   # each distinct distribution once; a trial's parameter names its index

        def index(d):
            e = encode(d)
            if e not in dists:
                dists.append(e)
            return dists.index(e)

        trials = [{"number": t.number, "value": t.value,
                   "params": {p: [index(d), d.to_internal_repr(t.params[p])]
                              for p, d in t.distributions.items()}}
                  for t in st.trials]
        results = []
        for s in SETTINGS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                raw = PedAnovaImportanceEvaluator(**s).evaluate(st)
            results.append({"settings": s, "raw": raw})
        cases.append({"name": name, "direction": st.direction.name, "dists": dists,
                      "trials": trials,
                      "results": results})
    with open(path, "w") as f:
        json.dump({"optuna": optuna.__version__, "cases": cases}, f, separators=(",", ":"))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--fixture", required=True)
    fixture(p.parse_args().fixture)


if __name__ == "__main__":
    main()
