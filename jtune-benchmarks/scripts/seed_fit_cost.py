#!/usr/bin/python3
"""The cost of one seed-example trial with the configuration held fixed (counterpart of
`jtune-benchmarks.jar seed-fits`): seed_example.py's own fit() (layers of 256 ReLU units, Adam
1e-3, 10 epochs on the 640 fitting rows, validation accuracy on the 160 others after each epoch)
for batch sizes 16 and 64 and 1 or 3 layers; milliseconds per fit, the median of --fits fits after
--warmup rounds of every configuration. One thread, as the peer runs.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 jtune-benchmarks/scripts/seed_fit_cost.py --peers DIR
"""
import argparse
import json
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--peers", required=True, help="a copy of shared/peers (seed_example.py)")
parser.add_argument("--fits", type=int, default=5)
parser.add_argument("--warmup", type=int, default=1)
args = parser.parse_args()
sys.path.insert(0, args.peers)
import torch  # noqa: E402
import seed_example  # noqa: E402

torch.set_num_threads(1)
X_train, _, y_train, _ = seed_example.load_data()
Xf, yf, Xv, yv = X_train[:640], y_train[:640], X_train[640:], y_train[640:]
ms_per_fit = {}
for _ in range(args.warmup + 1):
    for batch in (16, 64):
        for layers in (1, 3):
            params = {"n_layers": layers, "lr": 1e-3, "optimizer": "adam", "batch_size": batch}
            params.update({f"units_l{i}": 256 for i in range(layers)})
            ms = []
            for f in range(args.fits):
                torch.manual_seed(f)
                start = time.perf_counter()
                seed_example.fit(params, Xf, yf, 10, Xv, yv)
                ms.append((time.perf_counter() - start) * 1000)
            ms.sort()
            ms_per_fit[f"batch{batch}_layers{layers}"] = ms[args.fits // 2]
print(json.dumps({"tool": "pytorch", "torch": torch.__version__, "ms_per_fit": ms_per_fit,
                  "fits": args.fits}))
