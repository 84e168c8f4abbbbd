#!/usr/bin/python3
"""Markdown tables of a fmnist_session.sh folder: jtune beside Optuna, with and without
Hyperband (and jtune with the median rule or ASHA when the folder holds them).

  /usr/bin/python3 jtune-benchmarks/scripts/fmnist_report.py OUT_DIR
"""
import json
import os
import sys


def fmt(v, digits=4):
    return "-" if v is None else f"{v:.{digits}f}"


def main(folder):
    runs = []
    for tool in ("optuna", "jtune"):
        for pruner in ("hyperband", "median", "asha", "none"):
            path = os.path.join(folder, f"{tool}_{pruner}.json")
            if os.path.exists(path) and os.path.getsize(path) > 0:
                with open(path) as f:
                    runs.append((tool, pruner, json.load(f)))
    if not runs:
        sys.exit(f"no results in {folder}")
    minutes = [c["minutes"] for c in runs[0][2]["curve"]]
    head = ["tool", "pruner"] + [f"best val acc @{m:g} min" for m in minutes] + [
        "trials (complete/pruned/cut)", "epochs trained", "test acc of best (retrained)"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for tool, pruner, d in runs:
        cells = [tool, pruner] + [fmt(c["best_val_acc_completed"]) for c in d["curve"]]
        cells.append(f"{d['n_trials']} ({d['n_complete']}/{d['n_pruned']}/{d['n_cut_by_budget']})")
        cells.append(str(d["epochs_trained"]))
        cells.append(fmt(d.get("best", {}).get("test_acc")))
        print("| " + " | ".join(cells) + " |")
    print()
    head = ["tool", "pruner"] + [f"epochs by {m:g} min" for m in minutes] + [
        f"best any epoch @{minutes[-1]:g} min", "best trial's params"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for tool, pruner, d in runs:
        cells = [tool, pruner] + [str(c["epochs_trained"]) for c in d["curve"]]
        cells.append(fmt(d["curve"][-1]["best_val_acc_any_epoch"]))
        best = d.get("best", {}).get("params", {})
        cells.append(", ".join(f"{k}={fmt(v, 4) if isinstance(v, float) else v}"
                               for k, v in best.items()))
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
