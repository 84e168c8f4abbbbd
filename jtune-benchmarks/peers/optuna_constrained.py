#!/usr/bin/env python3
"""Optuna 3.1's TPE (and NSGA-II for two objectives, and random search) with constraints on the
problems of jtune's `constrained` benchmark.

Prints one JSON line per (sampler, problem, seed) with the field names `constrained` uses: at each
checkpoint the best feasible value (one objective; null while no trial is feasible) or the
hypervolume of the feasible trials (two objectives; a 2-D sweep, which agrees with Optuna's WFG),
the number of feasible trials, and the milliseconds per trial. The problems are those of
ConstrainedProblem.java, all minimized, constraints feasible at <= 0:

- gardner: Gardner et al. 2014 (ICML), min cos(2x)cos(y) + sin(x) on [0, 6]^2,
  s.t. cos(x)cos(y) - sin(x)sin(y) - 0.5 <= 0;
- gramacy: Gramacy et al. 2016 (Technometrics) toy problem, min x + y on [0, 1]^2,
  s.t. 1.5 - x - 2y - 0.5 sin(2 pi (x^2 - 2y)) <= 0 and x^2 + y^2 - 1.5 <= 0;
- quadratic: optuna-examples basic/quadratic_constraint.py, min x^2 + y, x in [-100, 100],
  y in {-1, 0, 1}, s.t. 3xy + 10 <= 0 and xy + 30 <= 0;
- bnh: Binh and Korn, min (4x^2 + 4y^2, (x-5)^2 + (y-5)^2) on [0, 5] x [0, 3],
  s.t. (x-5)^2 + y^2 - 25 <= 0 and 7.7 - (x-8)^2 - (y+3)^2 <= 0; reference point (140, 50).

Optuna 3.1 has no GPSampler (it came in 3.6), so only TPE, NSGA-II and random search run here.
Every sampler's feasibility is computed from the trial's parameters with the functions below; the
samplers that take constraints_func get the same functions.

    /usr/bin/python3 optuna_constrained.py --seeds 10 --trials 100 --checkpoints 25,50,100
"""
import argparse
import json
import math
import time
import warnings

import optuna

# name -> (x bounds, y bounds or categorical choices, objectives)
PROBLEMS = {
    "gardner": ((0.0, 6.0), (0.0, 6.0), 1),
    "gramacy": ((0.0, 1.0), (0.0, 1.0), 1),
    "quadratic": ((-100.0, 100.0), [-1, 0, 1], 1),
    "bnh": ((0.0, 5.0), (0.0, 3.0), 2),
}
REFERENCE = (140.0, 50.0)


def objectives(problem, x, y):
    if problem == "gardner":
        return (math.cos(2 * x) * math.cos(y) + math.sin(x),)
    if problem == "gramacy":
        return (x + y,)
    if problem == "quadratic":
        return (x * x + y,)
    return (4 * x * x + 4 * y * y, (x - 5) ** 2 + (y - 5) ** 2)


def constraints(problem, x, y):
    if problem == "gardner":
        return (math.cos(x) * math.cos(y) - math.sin(x) * math.sin(y) - 0.5,)
    if problem == "gramacy":
        return (1.5 - x - 2 * y - 0.5 * math.sin(2 * math.pi * (x * x - 2 * y)),
                x * x + y * y - 1.5)
    if problem == "quadratic":
        return (3 * x * y + 10, x * y + 30)
    return ((x - 5) ** 2 + y ** 2 - 25, 7.7 - (x - 8) ** 2 - (y + 3) ** 2)


def hypervolume_2d(points, reference):
    """The area dominated by the points (minimized) and dominating the reference."""
    inside = sorted(p for p in points if p[0] < reference[0] and p[1] < reference[1])
    front = []   # by increasing first objective, strictly decreasing second
    for px, py in inside:
        if not front or py < front[-1][1]:
            front.append((px, py))
    area = 0.0
    for i, (px, py) in enumerate(front):
        next_x = front[i + 1][0] if i + 1 < len(front) else reference[0]
        area += (next_x - px) * (reference[1] - py)
    return area


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="gardner,gramacy,quadratic,bnh")
    parser.add_argument("--samplers", default="tpe,random,nsga2",
                        help="tpe, random, nsga2 (nsga2 on problems of two objectives only)")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--checkpoints", default="25,50,100")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore")
    checkpoints = [int(c) for c in args.checkpoints.split(",")]
    for sampler_name in args.samplers.split(","):
        for problem in args.problems.split(","):
            x_bounds, y_space, n_objectives = PROBLEMS[problem]
            if sampler_name == "nsga2" and n_objectives == 1:
                continue
            for seed in range(args.seeds):
                def constraints_func(trial):
                    return constraints(problem, trial.params["x"], trial.params["y"])

                if sampler_name == "tpe":
                    sampler = optuna.samplers.TPESampler(seed=seed,
                                                         constraints_func=constraints_func)
                elif sampler_name == "nsga2":
                    sampler = optuna.samplers.NSGAIISampler(seed=seed,
                                                            constraints_func=constraints_func)
                elif sampler_name == "random":
                    sampler = optuna.samplers.RandomSampler(seed=seed)
                else:
                    raise SystemExit("unknown sampler %s; tpe, random or nsga2" % sampler_name)
                study = optuna.create_study(directions=["minimize"] * n_objectives,
                                            sampler=sampler)

                def objective(trial):
                    x = trial.suggest_float("x", *x_bounds)
                    if isinstance(y_space, list):
                        y = trial.suggest_categorical("y", y_space)
                    else:
                        y = trial.suggest_float("y", *y_space)
                    values = objectives(problem, x, y)
                    return values[0] if n_objectives == 1 else values

                start = time.perf_counter()
                study.optimize(objective, n_trials=args.trials)
                millis = (time.perf_counter() - start) * 1000
                trials = sorted(study.trials, key=lambda t: t.number)
                feasible = [t.state == optuna.trial.TrialState.COMPLETE
                            and all(c <= 0 for c in constraints_func(t)) for t in trials]
                line = {"tool": "optuna", "sampler": sampler_name, "problem": problem,
                        "seed": seed, "trials": args.trials,
                        "ms_per_trial": millis / args.trials}
                if n_objectives == 1:
                    line["best"] = {
                        str(c): min((t.value for t, f in zip(trials[:c], feasible[:c]) if f),
                                    default=None)
                        for c in checkpoints}
                else:
                    line["hypervolume"] = {
                        str(c): hypervolume_2d([tuple(t.values) for t, f in
                                                zip(trials[:c], feasible[:c]) if f], REFERENCE)
                        for c in checkpoints}
                line["feasible"] = {str(c): sum(feasible[:c]) for c in checkpoints}
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
