#!/usr/bin/env bash
# One measuring session of jtune-nn beside the PyTorch/Optuna peers (issue 6): training throughput
# on Fashion-MNIST (MLP, CNN) and the seed example, each tool alternately, REPS times.
# Usage: jtune-benchmarks/scripts/nn_session.sh OUT_DIR [REPS]   (from the repository root,
# after mvn -q -pl jtune-benchmarks -am package -DskipTests; peers copied to ~/peers-run)
set -euo pipefail
out=${1:?output folder}; reps=${2:-3}
peers=${PEERS:-$HOME/peers-run}
mkdir -p "$out"
export MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_TOP_PAD_=268435456
jar=jtune-benchmarks/target/jtune-benchmarks.jar
[ -f "$out/seed_split.csv" ] || /usr/bin/python3 jtune-benchmarks/scripts/seed_split.py "$out/seed_split.csv"
{ date -u; uptime; nproc; } > "$out/session.txt"
for r in $(seq 1 "$reps"); do
  /usr/bin/python3 "$peers/torch_train.py" --model mlp --epochs 3 --threads 1 --batch 128 > "$out/py_mlp_$r.jsonl"
  java -jar "$jar" training --model mlp --epochs 3 --threads 1 --batch 128 > "$out/j_mlp_$r.jsonl" 2>/dev/null
  /usr/bin/python3 "$peers/torch_train.py" --model cnn --epochs 1 --threads 1 --batch 128 > "$out/py_cnn_$r.jsonl"
  java -jar "$jar" training --model cnn --epochs 1 --threads 1 --batch 128 > "$out/j_cnn_$r.jsonl" 2>/dev/null
  /usr/bin/python3 "$peers/seed_example.py" > "$out/py_seed_$r.json" 2>/dev/null
  java -jar "$jar" seed --csv "$out/seed_split.csv" > "$out/j_seed_$r.json" 2>/dev/null
  java -jar "$jar" seed --csv "$out/seed_split.csv" --jobs 2 > "$out/j_seed_jobs2_$r.json" 2>/dev/null
  uptime >> "$out/session.txt"
done
date -u >> "$out/session.txt"
