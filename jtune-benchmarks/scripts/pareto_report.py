#!/usr/bin/env python3
"""Tables of the `pareto` benchmark: jtune's lines beside optuna_pareto.py's.

For each sampler, problem and checkpoint: the median hypervolume over seeds for each tool, the
number of seeds on which jtune's is at least Optuna's (same seed numbers; the streams differ), and
the median seconds per trial.

    /usr/bin/python3 pareto_report.py jtune.jsonl optuna.jsonl
"""
import json
import statistics
import sys
from collections import defaultdict


def main():
    runs = defaultdict(dict)   # (sampler, problem) -> tool -> {seed: line}
    for path in sys.argv[1:]:
        with open(path) as f:
            for line in f:
                d = json.loads(line)
                runs[(d["sampler"], d["problem"])].setdefault(d["tool"], {})[d["seed"]] = d
    print("| sampler | problem | trials | Optuna 3.1 median HV | jtune median HV | seeds jtune >= Optuna "
          "| s/trial Optuna | s/trial jtune |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (sampler, problem), tools in sorted(runs.items()):
        if "jtune" not in tools or "optuna" not in tools:
            continue
        j, o = tools["jtune"], tools["optuna"]
        seeds = sorted(set(j) & set(o))
        for c in j[seeds[0]]["hypervolume"]:
            hj = [j[s]["hypervolume"][c] for s in seeds]
            ho = [o[s]["hypervolume"][c] for s in seeds]
            wins = sum(1 for a, b in zip(hj, ho) if a >= b)
            tj = statistics.median(j[s]["seconds_per_trial"] for s in seeds)
            to = statistics.median(o[s]["seconds_per_trial"] for s in seeds)
            print("| %s | %s | %s | %.4f | %.4f | %d/%d | %.5f | %.5f |" % (
                sampler, problem, c, statistics.median(ho), statistics.median(hj), wins,
                len(seeds), to, tj))


if __name__ == "__main__":
    main()
