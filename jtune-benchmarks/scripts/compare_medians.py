#!/usr/bin/python3
"""Median final log10 regret of two samplers per problem, with a bootstrap 95% interval of the
difference (B - A); "within noise" = the interval contains 0.
usage: compare_medians.py A_NAME B_NAME file.jsonl ... [--key checkpoints]"""
import json, math, random, statistics, sys
a, b, files = sys.argv[1], sys.argv[2], sys.argv[3:]
key = "checkpoints"
runs = [json.loads(l) for f in files for l in open(f) if l.strip()]
probs = []
for r in runs:
    if r["problem"] not in probs:
        probs.append(r["problem"])
rng = random.Random(0)
def final(rs):
    return [math.log10(max(r[key][str(max(int(c) for c in r[key]))], 1e-12)) for r in rs]
print("| problem | seeds A / B | median A | median B | B - A | 95% bootstrap interval | verdict |")
print("|---|---|---:|---:|---:|---|---|")
for p in probs:
    A = final([r for r in runs if r["problem"] == p and r["sampler"] == a])
    B = final([r for r in runs if r["problem"] == p and r["sampler"] == b])
    if not A or not B:
        continue
    d = statistics.median(B) - statistics.median(A)
    boots = sorted(statistics.median(rng.choices(B, k=len(B))) - statistics.median(rng.choices(A, k=len(A))) for _ in range(4000))
    lo, hi = boots[100], boots[3899]
    verdict = "B better" if hi < 0 else "A better" if lo > 0 else "within noise"
    print(f"| {p} | {len(A)} / {len(B)} | {statistics.median(A):.2f} | {statistics.median(B):.2f} | {d:+.2f} | [{lo:+.2f}, {hi:+.2f}] | {verdict} |")
