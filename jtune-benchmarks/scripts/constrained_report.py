#!/usr/bin/env python3
"""Table of the `constrained` benchmark: jtune's lines beside optuna_constrained.py's.

One row per problem, tool and sampler: the median over seeds of the best feasible value (one
objective; a seed without a feasible trial yet counts as +inf, and "inf" is printed when that is
the median) or of the feasible trials' hypervolume (two objectives) at each checkpoint, the median
number of feasible trials at the last checkpoint, and the median milliseconds per trial. Lines may
come from any number of files, of either tool.

    /usr/bin/python3 constrained_report.py constrained_jtune.jsonl constrained_optuna.jsonl
"""
import json
import math
import statistics
import sys
from collections import defaultdict

PROBLEM_ORDER = ["gardner", "gramacy", "quadratic", "bnh"]
SAMPLER_ORDER = ["gp", "auto", "tpe", "nsga2", "random"]
# the known optimum of each single-objective problem (ConstrainedProblem.java)
OPTIMUM = {"gardner": "-2", "gramacy": "0.5998", "quadratic": "899"}


def order(value, known):
    return (known.index(value), value) if value in known else (len(known), value)


def cell(value):
    if math.isinf(value):
        return "inf"
    return "%.4g" % value if abs(value) < 100 else "%.1f" % value


def main():
    runs = defaultdict(dict)   # (problem, tool, sampler) -> {seed: line}
    for path in sys.argv[1:]:
        with open(path) as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    runs[(d["problem"], d["tool"], d["sampler"])][d["seed"]] = d
    if not runs:
        raise SystemExit("no lines")
    first = next(iter(next(iter(runs.values())).values()))
    checkpoints = list(first["feasible"])
    print("| problem | tool | sampler | seeds | " + " | ".join(
        "median @%s" % c for c in checkpoints) + " | feasible trials @%s | ms/trial |"
        % checkpoints[-1])
    print("|---|---|---|---:|" + "---:|" * len(checkpoints) + "---:|---:|")
    for (problem, tool, sampler), lines in sorted(
            runs.items(), key=lambda kv: (order(kv[0][0], PROBLEM_ORDER), kv[0][1] != "jtune",
                                          order(kv[0][2], SAMPLER_ORDER))):
        seeds = sorted(lines)
        metric = "best" if "best" in lines[seeds[0]] else "hypervolume"
        cells = []
        for c in checkpoints:
            values = [lines[s][metric][c] for s in seeds]
            values = [math.inf if v is None else v for v in values]
            cells.append(cell(statistics.median(values)))
        label = problem + (" (min %s)" % OPTIMUM[problem] if problem in OPTIMUM else " (HV)")
        print("| %s | %s | %s | %d | %s | %g | %.2f |" % (
            label, "jtune" if tool == "jtune" else "Optuna 3.1", sampler, len(seeds),
            " | ".join(cells),
            statistics.median(lines[s]["feasible"][checkpoints[-1]] for s in seeds),
            statistics.median(lines[s]["ms_per_trial"] for s in seeds)))


if __name__ == "__main__":
    main()
