#!/usr/bin/env python3
"""Ray Tune's PopulationBasedTraining on the Fashion-MNIST MLP of jtune's `pbt` benchmark.

The peer of `java -jar jtune-benchmarks.jar pbt --rows 60000`: the same space (1-2 layers of
64/128/256 ReLU units, dropout [0, 0.4], Adam or SGD with momentum [0.5, 0.99] at a rate in
[1e-4, 1e-1] log, batch 128), the same data sizes (the 60,000 training images cut 80/20 at random
into fit and validation rows, pixels in [0, 1]; the 10,000 test images for the best model only),
the same PBT settings (8 members, an interval of 2 epochs, 8 intervals, quantile 0.25, resample
probability 0.25, factors 0.8 / 1.2; lr, dropout and momentum explored) and one trial at a time
on one torch thread, synchronously (every member reaches an interval's end before any goes on,
as jtune's one job trains them in turn). One at a time comes from `ray.init(num_cpus=1)` and a
CPU per trial, not from `max_concurrent_trials=1`: that setting keeps Ray from creating the next
member until the running one has finished, so no member ever has another to copy and the run
is four (or eight) independent trainings, with no exploit at all (this script did so until
2026-12-08; `pbt_global.txt`, Ray's log of exploits, stayed empty). Each member's checkpoint holds the model and optimizer
state. The best result is taken at its last report (Ray's scope="last"); its checkpoint is
evaluated on the test images. Prints one JSON line per seed.

`--scheduler pb2` runs Ray's PB2 (population-based bandits) instead, with the same settings but
`hyperparam_bounds` for the explored parameters (PB2 chooses them in those bounds, on a linear
scale, with its time-varying GP; it needs scikit-learn, which Debian's python3-sklearn provides).

`--replay` then trains the best trial's schedule afresh, as jtune's `pbt --refit` does, with Ray's
`PopulationBasedTrainingReplay` on its policy file (a constant configuration when the best trial
never copied another), on the fit and validation rows together, for the same 16 epochs; it
reports the replay's test accuracy and wall seconds (Tune's start, a checkpoint each epoch and the
actor's restarts included: jtune's refit runs in its own process).

Ray is not a Debian package: install it into a virtual environment that sees Debian's torch, e.g.
  /usr/bin/python3 -m venv --system-site-packages /tmp/rayenv
  /tmp/rayenv/bin/pip install "ray[tune]==2.58.0" "numpy<2" "pandas<3"
  /tmp/rayenv/bin/python jtune-benchmarks/peers/ray_pbt.py --seeds 0,1,2
"""
import argparse
import gzip
import json
import os
import sys
import tempfile
import time

import numpy as np
import torch

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = int.from_bytes(data[0:4], "big") & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(data_dir, seed):
    def imgs(name):
        a = read_idx(os.path.join(data_dir, name))
        return torch.tensor(a.reshape(a.shape[0], -1), dtype=torch.float32) / 255.0

    def labels(name):
        return torch.tensor(read_idx(os.path.join(data_dir, name)).astype(np.int64))

    x, y = imgs("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
    order = torch.from_numpy(np.random.default_rng(seed).permutation(len(y)))
    cut = int(0.8 * len(y))
    fit, val = order[:cut], order[cut:]
    xt, yt = imgs("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    return x[fit], y[fit], x[val], y[val], xt, yt


def network(config):
    layers, width = [], 784
    for i in range(config["n_layers"]):
        units = config[f"units_l{i}"]
        layers += [torch.nn.Linear(width, units), torch.nn.ReLU(), torch.nn.Dropout(config["dropout"])]
        width = units
    layers.append(torch.nn.Linear(width, 10))
    return torch.nn.Sequential(*layers)


def optimizer(config, params):
    if config["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=config["lr"], eps=1e-7)
    return torch.optim.SGD(params, lr=config["lr"], momentum=config["momentum"])


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def trainable(config, data, interval):
    from ray import tune
    torch.set_num_threads(1)
    xf, yf, xv, yv = data
    model = network(config)
    opt = optimizer(config, model.parameters())
    epoch = 0
    checkpoint = tune.get_checkpoint()
    if checkpoint:
        with checkpoint.as_directory() as d:
            state = torch.load(os.path.join(d, "state.pt"))
            model.load_state_dict(state["model"])
            if state["optimizer_kind"] == config["optimizer"]:
                opt.load_state_dict(state["optimizer"])
            epoch = state["epoch"]
    for group in opt.param_groups:   # the explored values, after a copy
        group["lr"] = config["lr"]
        if "momentum" in group:
            group["momentum"] = config["momentum"]
    for m in model:
        if isinstance(m, torch.nn.Dropout):
            m.p = config["dropout"]
    g = torch.Generator().manual_seed(epoch)
    while True:
        model.train()
        perm = torch.randperm(len(yf), generator=g)
        for i in range(0, len(yf), 128):
            idx = perm[i:i + 128]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(xf[idx]), yf[idx]).backward()
            opt.step()
        epoch += 1
        acc = accuracy(model, xv, yv)
        if epoch % interval:   # PBT copies and restores at interval ends only
            tune.report({"val_accuracy": acc, "epoch": epoch})
            continue
        with tempfile.TemporaryDirectory() as d:
            torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(),
                        "optimizer_kind": config["optimizer"], "epoch": epoch},
                       os.path.join(d, "state.pt"))
            tune.report({"val_accuracy": acc, "epoch": epoch},
                        checkpoint=tune.Checkpoint.from_directory(d))


def run(seed, args, data, test):
    import ray
    from ray import tune
    from ray.tune.schedulers import PopulationBasedTraining
    from ray.tune.schedulers.pb2 import PB2
    space = {
        "n_layers": tune.choice([1, 2]),
        "units_l0": tune.choice([64, 128, 256]),
        "units_l1": tune.choice([64, 128, 256]),
        "dropout": tune.uniform(0.0, 0.4),
        "optimizer": tune.choice(["adam", "momentum"]),
        "lr": tune.loguniform(1e-4, 1e-1),
        "momentum": tune.uniform(0.5, 0.99),
    }
    if args.scheduler == "pb2":
        pbt = PB2(
            time_attr="training_iteration", perturbation_interval=args.interval,
            hyperparam_bounds={"lr": [1e-4, 1e-1], "dropout": [0.0, 0.4],
                               "momentum": [0.5, 0.99]},
            quantile_fraction=0.25, synch=True)
    else:
        pbt = PopulationBasedTraining(
            time_attr="training_iteration", perturbation_interval=args.interval,
            hyperparam_mutations={"lr": tune.loguniform(1e-4, 1e-1),
                                  "dropout": tune.uniform(0.0, 0.4),
                                  "momentum": tune.uniform(0.5, 0.99)},
            quantile_fraction=0.25, resample_probability=0.25, perturbation_factors=(1.2, 0.8),
            synch=True)
    started = time.time()
    tuner = tune.Tuner(
        tune.with_resources(tune.with_parameters(trainable, data=data, interval=args.interval), {"cpu": 1}),
        param_space=space,
        tune_config=tune.TuneConfig(metric="val_accuracy", mode="max", scheduler=pbt,
                                    num_samples=args.population),
        run_config=tune.RunConfig(
            name=f"{args.scheduler}-{seed}", storage_path=args.storage, verbose=0,
            stop={"training_iteration": args.interval * args.intervals},
            checkpoint_config=tune.CheckpointConfig(num_to_keep=4)))
    np.random.seed(seed)
    results = tuner.fit()
    seconds = time.time() - started
    best = results.get_best_result(metric="val_accuracy", mode="max", scope="last")
    with best.checkpoint.as_directory() as d:
        state = torch.load(os.path.join(d, "state.pt"))
    model = network(best.config)
    model.load_state_dict(state["model"])
    out = {"method": "ray-" + args.scheduler, "seed": seed, "best_val": best.metrics["val_accuracy"],
           "test": accuracy(model, *test), "epochs": args.population * args.interval * args.intervals,
           "seconds": round(seconds, 1), "best_params": best.config,
           "exploits": exploits(f"{args.scheduler}-{seed}", args.storage, started)}
    if args.replay:
        out.update(replay(seed, args, best, data, test))
    return out


def exploits(name, storage, since):
    """The exploits Ray logged for experiment `name` (lines of its newest pbt_global.txt)."""
    import glob
    found = [f for f in glob.glob(os.path.join(tempfile.gettempdir(), "ray", "**", name, "**",
                                               "pbt_global.txt"), recursive=True)
             + glob.glob(os.path.join(storage, name, "**", "pbt_global.txt"), recursive=True)
             if os.path.getmtime(f) >= since]
    if not found:
        return 0
    with open(max(found, key=os.path.getmtime)) as f:
        return sum(1 for _ in f)


def replay(seed, args, best, data, test):
    """The best trial's schedule trained afresh on the fit and validation rows together."""
    import glob
    from ray import tune
    from ray.tune.schedulers import FIFOScheduler, PopulationBasedTrainingReplay
    name = "pbt_policy_" + best.metrics["trial_id"] + ".txt"
    found = sorted(glob.glob(os.path.join(args.storage, "**", name), recursive=True)
                   + glob.glob(os.path.join(tempfile.gettempdir(), "ray", "**", name),
                               recursive=True), key=os.path.getmtime)
    if found:
        scheduler, space = PopulationBasedTrainingReplay(found[-1]), {}
    else:   # Ray writes a trial's policy file at its first exploit: none means it never copied
        print(f"seed {seed}: no {name}; replaying the best trial's config as a constant",
              file=sys.stderr, flush=True)
        scheduler, space = FIFOScheduler(), dict(best.config)
    xf, yf, xv, yv = data
    both = (torch.cat([xf, xv]), torch.cat([yf, yv]), xv, yv)
    started = time.time()
    tuner = tune.Tuner(
        tune.with_resources(tune.with_parameters(trainable, data=both, interval=1), {"cpu": 1}),
        param_space=space,
        tune_config=tune.TuneConfig(metric="val_accuracy", mode="max", scheduler=scheduler,
                                    num_samples=1),
        run_config=tune.RunConfig(
            name=f"replay-{args.scheduler}-{seed}", storage_path=args.storage, verbose=0,
            stop={"training_iteration": args.interval * args.intervals},
            checkpoint_config=tune.CheckpointConfig(num_to_keep=4)))
    result = tuner.fit().get_best_result(metric="val_accuracy", mode="max", scope="last")
    seconds = time.time() - started
    with result.checkpoint.as_directory() as d:
        state = torch.load(os.path.join(d, "state.pt"))
    model = network(result.config)
    model.load_state_dict(state["model"])
    return {"replay_policy": bool(found), "refit_test": accuracy(model, *test),
            "refit_seconds": round(seconds, 1)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--population", type=int, default=8)
    p.add_argument("--scheduler", choices=["pbt", "pb2"], default="pbt")
    p.add_argument("--interval", type=int, default=2)
    p.add_argument("--intervals", type=int, default=8)
    p.add_argument("--replay", action="store_true",
                   help="train the best trial's schedule afresh on fit + validation rows")
    p.add_argument("--data-dir", default=DATA_DIR)
    p.add_argument("--storage", default=os.path.join(tempfile.gettempdir(), "ray-pbt"))
    args = p.parse_args()
    import ray
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    for seed in [int(s) for s in args.seeds.split(",")]:
        torch.manual_seed(seed)
        xf, yf, xv, yv, xt, yt = load(args.data_dir, seed)
        print(json.dumps(run(seed, args, (xf, yf, xv, yv), (xt, yt))), flush=True)


if __name__ == "__main__":
    main()
