#!/usr/bin/env python3
"""Ray Tune's PB2 explore step on synthetic population histories, for jtune's `pb2` benchmark.

Each run is a population history of `--members` members over `--intervals` intervals in a
`--dims`-dimensional unit cube: interval i of member m trained with parameters x (uniform at
random), started at value R = 0.5 + 0.02 t + 0.05 N(0, 1) at time t = i, and improved by
g(x) = -|x - c|^2 + 0.05 N(0, 1), where the optimum c is drawn per run. Ray's `_select_config`
(pb2.py; GP-UCB with its time-varying kernel, bounds [0, 1] so its linear scale is the unit cube)
picks the next parameters for a member at time `intervals` that starts from the best member's
last value, with no interval running. Writes one JSON file: every run's history, Ray's choice,
its regret |choice - c|^2 and its seconds; `java -jar jtune-benchmarks.jar pb2 --json FILE` makes
jtune's choice (`TimeVaryingUcb`) on the same histories.

Needs Ray and scikit-learn: the virtual environment of ray_pbt.py,
  /tmp/rayenv/bin/python jtune-benchmarks/peers/ray_pb2_explore.py --json /tmp/pb2.json
"""
import argparse
import json
import time

import numpy as np


def history(seed, members, intervals, dims):
    rng = np.random.default_rng(seed)
    c = rng.uniform(0.1, 0.9, dims)
    rows = []
    for t in range(intervals):
        for m in range(members):
            x = rng.uniform(0, 1, dims)
            start = 0.5 + 0.02 * t + 0.05 * rng.standard_normal()
            gain = -float(np.sum((x - c) ** 2)) + 0.05 * rng.standard_normal()
            rows.append({"time": t, "start": float(start), "x": [float(v) for v in x],
                         "gain": gain})
    return c, rows


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", default="0-19")
    p.add_argument("--members", type=int, default=4)
    p.add_argument("--intervals", default="4,8,16,50")
    p.add_argument("--dims", type=int, default=3)
    p.add_argument("--json", required=True)
    args = p.parse_args()
    from ray.tune.schedulers.pb2 import _select_config
    lo, hi = (int(s) for s in args.seeds.split("-"))
    runs = []
    for intervals in [int(s) for s in args.intervals.split(",")]:
        for seed in range(lo, hi + 1):
            np.random.seed(seed)
            c, rows = history(seed, args.members, intervals, args.dims)
            X = np.array([[r["time"], r["start"]] + r["x"] for r in rows])
            y = np.array([r["gain"] for r in rows])
            bounds = {f"x{k}": [0.0, 1.0] for k in range(args.dims)}
            newpoint = np.array([intervals, max(r["start"] + r["gain"] for r in rows
                                                 if r["time"] == intervals - 1)])
            t0 = time.perf_counter()
            choice = _select_config(X, y, None, newpoint, bounds, num_f=2)
            seconds = time.perf_counter() - t0
            choice = np.clip(np.array(choice, dtype=float), 0, 1)
            runs.append({"seed": seed, "intervals": intervals, "members": args.members,
                         "optimum": [float(v) for v in c], "history": rows,
                         "query": {"time": intervals, "start": float(newpoint[1])},
                         "ray": {"choice": [float(v) for v in choice],
                                 "regret": float(np.sum((choice - c) ** 2)),
                                 "seconds": seconds}})
            print(intervals, seed, runs[-1]["ray"]["regret"], round(seconds, 3), flush=True)
    with open(args.json, "w") as f:
        json.dump(runs, f)


if __name__ == "__main__":
    main()
