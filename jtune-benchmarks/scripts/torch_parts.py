#!/usr/bin/python3
"""PyTorch's side of `jtune-benchmarks.jar kernels`: the same parts of a training step, timed the
same way (median over REPS repetitions of the mean microseconds per call of CALLS calls, after one
warm-up repetition), one thread.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 jtune-benchmarks/scripts/torch_parts.py [CALLS] [REPS]

Operations, on the Fashion-MNIST MLP's shapes (batch 128): torch.optim.Adam's step on the
784-256-128-10 parameters, F.cross_entropy of (128, 10) scores with backward, a batch of 128 rows
of (50000, 784) images and labels by index, F.dropout(0.3) of (128, 512) with backward, and
F.max_pool2d(2) of (128, 32, 26, 26) with backward. One JSON line each.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F


def report(op, body, calls, reps):
    per_call = []
    for r in range(-1, reps):
        start = time.perf_counter()
        for _ in range(calls):
            body()
        if r >= 0:
            per_call.append((time.perf_counter() - start) * 1e6 / calls)
    per_call.sort()
    print(json.dumps({"tool": "pytorch", "torch": torch.__version__, "op": op, "variant": "torch",
                      "us_per_call": per_call[reps // 2], "reps_us": per_call}), flush=True)


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    torch.set_num_threads(1)
    torch.manual_seed(0)
    params = [torch.randn(s, requires_grad=True)
              for s in [(256, 784), (256,), (128, 256), (128,), (10, 128), (10,)]]
    sum(p.square().sum() for p in params).backward()
    opt = torch.optim.Adam(params, lr=1e-3)
    report("adam", opt.step, calls, reps)

    scores = torch.randn(128, 10, requires_grad=True)
    classes = torch.randint(0, 10, (128,))
    report("cross_entropy", lambda: F.cross_entropy(scores, classes).backward(), calls, reps)

    x = torch.rand(50_000, 784)
    y = torch.randint(0, 10, (50_000,))
    index = torch.randint(0, 50_000, (128,))
    report("gather", lambda: (x[index], y[index]), calls, reps)

    h = torch.randn(128, 512, requires_grad=True)
    report("dropout", lambda: F.dropout(h, 0.3, True).sum().backward(), calls, reps)

    conv = torch.randn(128, 32, 26, 26, requires_grad=True)
    report("max_pool", lambda: F.max_pool2d(conv, 2).sum().backward(), calls, reps)


if __name__ == "__main__":
    main()
