"""Optuna's side of jtune's interop test: run by OptunaInteropTest with /usr/bin/python3.

  python3 optuna_interop.py version
  python3 optuna_interop.py dump  URL STUDY      # print the study as Optuna sees it (JSON)
  python3 optuna_interop.py write URL STUDY      # Optuna writes a study, then dumps it
  python3 optuna_interop.py tpe   URL STUDY N    # Optuna's TPE adds N trials on the stored history
  python3 optuna_interop.py constrained URL STUDY N   # Optuna's TPE with constraints_func (x >= 2)
                                                  # adds N trials, then dumps the study
"""
import json
import math
import sys

import optuna
from optuna.distributions import distribution_to_json
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.ERROR)


def storage(url):
    # Optuna 3.1 checks that the alembic revision is its own head (v3.0.0.d); a v3.2.0.a database
    # written for newer Optuna versions differs only by an index, which 3.1 does not need.
    return optuna.storages.RDBStorage(url, skip_compatibility_check=True)


def dump(study):
    trials = []
    for t in study.get_trials(deepcopy=False):
        trials.append({
            "number": t.number,
            "state": t.state.name,
            "values": t.values,
            "params": t.params,
            "distributions": {k: distribution_to_json(d) for k, d in t.distributions.items()},
            "intermediate_values": {str(k): v for k, v in t.intermediate_values.items()},
            "user_attrs": t.user_attrs,
            "system_attrs": t.system_attrs,
            "has_start": t.datetime_start is not None,
            "has_complete": t.datetime_complete is not None,
            "datetime_start": None if t.datetime_start is None else t.datetime_start.isoformat(),
            "datetime_complete":
                None if t.datetime_complete is None else t.datetime_complete.isoformat(),
        })
    return {
        "directions": [d.name for d in study.directions],
        "user_attrs": study.user_attrs,
        "system_attrs": study.system_attrs,
        "trials": trials,
    }


def objective(trial):
    x = trial.suggest_float("x", -5.0, 5.0)
    n = trial.suggest_int("n", 1, 64, log=True)
    c = trial.suggest_categorical("c", ["a", "b", None])
    lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    s = trial.suggest_float("s", 0.0, 1.0, step=0.25)
    trial.set_user_attr("tag", {"n": n, "list": [1, "two", None]})
    value = (x - 1.0) ** 2 + math.log(n) + (0.5 if c == "a" else 0.0) + lr + s
    for step in range(3):
        trial.report(value + 3 - step, step)
    if trial.number == 4:
        raise optuna.TrialPruned()
    if trial.number == 6:
        raise ValueError("failing on purpose")
    return value


def main():
    cmd = sys.argv[1]
    if cmd == "version":
        print(optuna.__version__)
        return
    url, name = sys.argv[2], sys.argv[3]
    if cmd == "dump":
        study = optuna.load_study(study_name=name, storage=storage(url))
    elif cmd == "write":
        study = optuna.create_study(study_name=name, storage=storage(url),
                                    sampler=optuna.samplers.TPESampler(seed=1))
        study.set_user_attr("owner", "optuna")
        study.optimize(objective, n_trials=12, catch=(ValueError,))
        study.enqueue_trial({"x": 0.5, "n": 2, "c": "b", "lr": 0.01, "s": 0.75})
    elif cmd == "tpe":
        study = optuna.load_study(study_name=name, storage=storage(url),
                                  sampler=optuna.samplers.TPESampler(seed=2, n_startup_trials=5))
        space = optuna.search_space.intersection_search_space(study) \
            if hasattr(optuna, "search_space") else \
            optuna.samplers.intersection_search_space(study)
        study.optimize(objective, n_trials=int(sys.argv[4]), catch=(ValueError,))
        out = dump(study)
        out["intersection_space"] = sorted(space)
        print(json.dumps(out))
        return
    elif cmd == "constrained":
        study = optuna.create_study(
            study_name=name, storage=storage(url), load_if_exists=True,
            sampler=optuna.samplers.TPESampler(
                seed=3, n_startup_trials=5,
                constraints_func=lambda t: [2.0 - t.params["x"]]))
        study.optimize(lambda t: (t.suggest_float("x", -5.0, 5.0) - 1.0) ** 2,
                       n_trials=int(sys.argv[4]))
    else:
        raise SystemExit("unknown command " + cmd)
    print(json.dumps(dump(study)))


if __name__ == "__main__":
    main()
