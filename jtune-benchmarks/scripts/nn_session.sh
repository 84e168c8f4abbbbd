#!/usr/bin/env bash
# One measuring session of jtune-nn beside the PyTorch/Optuna peers (issue 6): training throughput
# on Fashion-MNIST (MLP, CNN) and the seed example, the two tools alternately, REPS times.
#   jtune-benchmarks/scripts/nn_session.sh OUT_DIR [REPS] [CLOCK]
# CLOCK=wall (elapsed time, for an idle machine) or cpu (CPU time of the working thread on both
# sides: the peers run under scripts/cpu_clock.py, jtune with --clock cpu; no --jobs 2 run then).
# From the repository root, after
#   mvn -q -pl jtune-benchmarks -am package -DskipTests
# with the peers copied to $PEERS (default ~/peers-run).
set -euo pipefail
out=${1:?output folder}; reps=${2:-3}; clock=${3:-wall}
peers=${PEERS:-$HOME/peers-run}
mkdir -p "$out"
export MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_TOP_PAD_=268435456
# One thread on both sides. The peers' --threads 1 sets PyTorch's intra-op threads, but Debian's
# PyTorch multiplies matrices in OpenBLAS (pthreads build), whose own pool uses every core unless
# told otherwise: without this the peer's MLP ran its GEMMs on 2 threads (and a CPU-time clock of
# the main thread missed the second one's work).
export OPENBLAS_NUM_THREADS=1
jar=jtune-benchmarks/target/jtune-benchmarks.jar
# the JVM options the ./jtune launcher gives a study (its study_defaults line)
jvm_opts=$(sed -n 's/^study_defaults="\(.*\)"$/\1/p' "$(dirname "$0")/../../jtune")
[ -n "$jvm_opts" ] || { echo "no study_defaults line in the jtune launcher" >&2; exit 1; }
here=$(dirname "$0")
py() { if [ "$clock" = cpu ]; then /usr/bin/python3 "$here/cpu_clock.py" "$@"; else /usr/bin/python3 "$@"; fi; }
[ -f "$out/seed_split.csv" ] || /usr/bin/python3 "$here/seed_split.py" "$out/seed_split.csv"
{ date -u; uptime; nproc; echo "clock=$clock reps=$reps OPENBLAS_NUM_THREADS=1"; } > "$out/session.txt"
for r in $(seq 1 "$reps"); do
  py "$peers/torch_train.py" --model mlp --epochs 3 --threads 1 --batch 128 > "$out/py_mlp_$r.jsonl"
  java $jvm_opts -jar "$jar" training --model mlp --epochs 3 --threads 1 --batch 128 --clock "$clock" \
    > "$out/j_mlp_$r.jsonl" 2>/dev/null
  py "$peers/torch_train.py" --model cnn --epochs 1 --threads 1 --batch 128 > "$out/py_cnn_$r.jsonl"
  java $jvm_opts -jar "$jar" training --model cnn --epochs 1 --threads 1 --batch 128 --clock "$clock" \
    > "$out/j_cnn_$r.jsonl" 2>/dev/null
  py "$peers/seed_example.py" > "$out/py_seed_$r.json" 2>/dev/null
  java $jvm_opts -jar "$jar" seed --csv "$out/seed_split.csv" --clock "$clock" > "$out/j_seed_$r.json" 2>/dev/null
  if [ "$clock" = wall ]; then
    java $jvm_opts -jar "$jar" seed --csv "$out/seed_split.csv" --jobs 2 > "$out/j_seed_jobs2_$r.json" 2>/dev/null
  fi
  uptime >> "$out/session.txt"
done
date -u >> "$out/session.txt"
