#!/usr/bin/env bash
# The Fashion-MNIST MLP study under a time budget (issue 4), jtune beside the Optuna 3.1 + PyTorch
# peer (shared/peers/fmnist_hyperband.py): with Hyperband, then without a pruner; in each round the
# two tools run at the same time, one process each, so that they share the machine's two cores
# under the same conditions.
#   [PRUNERS="hyperband none"] jtune-benchmarks/scripts/fmnist_session.sh OUT_DIR [BUDGET_S] [SEED]
# JTUNE_PAIR="median none" instead runs jtune alone, with those two pruners at the same time (the
# peer has only hyperband and none; jtune also has median and asha).
# From the repository root, after
#   mvn -q -pl jtune-benchmarks -am package -DskipTests
# with the peers copied to $PEERS (default ~/peers-run).
#
# One thread each: the peer's --threads 1 sets PyTorch's intra-op threads, but Debian's PyTorch
# multiplies matrices in OpenBLAS, whose own thread pool takes every core unless
# OPENBLAS_NUM_THREADS says otherwise; jtune runs libtorch with one intra-op and one inter-op thread.
set -euo pipefail
out=${1:?output folder}; budget=${2:-900}; seed=${3:-0}; pruners=${PRUNERS:-hyperband none}
peers=${PEERS:-$HOME/peers-run}
mkdir -p "$out"
{ date -u; uptime; nproc; echo "budget=$budget seed=$seed pruners=$pruners"; } > "$out/session.txt"
export MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_TOP_PAD_=268435456
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
jar=${JAR:-jtune-benchmarks/target/jtune-benchmarks.jar}   # JAR: a copy, to rebuild meanwhile
# the JVM options the ./jtune launcher gives a study (its study_defaults line)
jvm_opts=$(sed -n 's/^study_defaults="\(.*\)"$/\1/p' "$(dirname "$0")/../../jtune")
[ -n "$jvm_opts" ] || { echo "no study_defaults line in the jtune launcher" >&2; exit 1; }
run_jtune() {
  java $jvm_opts -jar "$jar" fmnist --pruner "$1" --budget-s "$budget" --seed "$seed" --threads 1 \
    > "$out/jtune_$1.json" 2> "$out/jtune_$1.err"
}
if [ -n "${JTUNE_PAIR:-}" ]; then
  read -r first second <<< "$JTUNE_PAIR"
  echo "jtune only: $first beside $second" >> "$out/session.txt"
  run_jtune "$first" & other=$!
  run_jtune "$second"
  wait "$other"
  { date -u; uptime; } >> "$out/session.txt"
  exit 0
fi
for pruner in $pruners; do
  /usr/bin/python3 "$peers/fmnist_hyperband.py" --pruner "$pruner" --budget-s "$budget" \
    --seed "$seed" --threads 1 > "$out/optuna_$pruner.json" 2> "$out/optuna_$pruner.err" &
  peer=$!
  run_jtune "$pruner"
  wait "$peer"
  { date -u; uptime; } >> "$out/session.txt"
done
