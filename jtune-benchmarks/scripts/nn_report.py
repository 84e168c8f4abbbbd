#!/usr/bin/python3
"""Markdown tables (medians over repetitions, and jtune/peer ratios) from nn_session.sh's folder.

  /usr/bin/python3 jtune-benchmarks/scripts/nn_report.py OUT_DIR
"""
import glob
import json
import os
import statistics
import sys

out = sys.argv[1]


def last_json_line(path):
    """The run's final summary line (it names the tool; epoch lines do not), or None."""
    with open(path) as f:
        rows = [json.loads(l) for l in f if l.strip().startswith("{")]
    rows = [r for r in rows if "tool" in r]
    return rows[-1] if rows else None


def load(path):
    with open(path) as f:
        return json.load(f)


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def round_of(path):
    return int(os.path.basename(path).rsplit("_", 1)[1].split(".")[0])


print("| model | PyTorch samples/s (runs) | jtune samples/s (runs) | jtune / PyTorch, medians | "
      "per round (median) | test acc PyTorch / jtune |")
print("|---|---|---|---|---|---|")
for model in ("mlp", "cnn"):
    # runs alternate in rounds (nn_session.sh): round r's jtune run is paired with its peer run
    py = {round_of(p): r for p in glob.glob(f"{out}/py_{model}_*.jsonl") if (r := last_json_line(p))}
    jt = {round_of(p): r for p in glob.glob(f"{out}/j_{model}_*.jsonl") if (r := last_json_line(p))}
    if not py or not jt:
        continue
    ps = [py[k]["samples_per_s"] for k in sorted(py)]
    js = [jt[k]["samples_per_s"] for k in sorted(jt)]
    paired = [jt[k]["samples_per_s"] / py[k]["samples_per_s"] for k in sorted(py) if k in jt]
    print(f"| {model} | {med(ps):,.0f} ({', '.join(f'{x:,.0f}' for x in ps)}) | "
          f"{med(js):,.0f} ({', '.join(f'{x:,.0f}' for x in js)}) | {med(js) / med(ps):.2f} | "
          f"{', '.join(f'{x:.2f}' for x in paired)} ({med(paired):.2f}) | "
          f"{med([r['test_accuracy'] for r in py.values()]):.4f} / "
          f"{med([r['test_accuracy'] for r in jt.values()]):.4f} |")

print()
print("| config | tool | whole run s per seed, median of runs (seeds 0, 1, 2) | s/trial | "
      "test acc (mean of seeds) | best val acc (mean) |")
print("|---|---|---|---|---|---|")
for cfg in ("random:10", "tpe:30"):
    for tool, pattern in (("Optuna + PyTorch", "py_seed_*.json"), ("jtune, 1 job", "j_seed_[0-9]*.json"),
                          ("jtune, 2 jobs", "j_seed_jobs2_*.json")):
        runs = []
        for p in sorted(glob.glob(os.path.join(out, pattern))):
            try:
                d = load(p)
            except (ValueError, OSError):
                continue
            runs += [s for s in d["summary"] if s["config"] == cfg]
        if not runs:
            continue
        per_seed = [med([r["total_s"][i] for r in runs]) for i in range(len(runs[0]["total_s"]))]
        print(f"| {cfg} | {tool} | {', '.join(f'{x:.2f}' for x in per_seed)} | "
              f"{med([r['tune_s_per_trial_mean'] for r in runs]):.3f} | "
              f"{med([r['test_acc_mean'] for r in runs]):.3f} | "
              f"{med([r['best_val_acc_mean'] for r in runs]):.3f} |")
