#!/usr/bin/env bash
# FlowScope's Glow beside rosinality/glow-pytorch's (tools/bench_glow_reference.py, plain PyTorch
# over the same LibTorch and oneDNN), measured in one run, alternating, so both see the same
# machine: `flowscope-cli bench glow` and the reference each --rounds times, one thread each.
#   tools/bench_glow_vs_reference.sh [--rounds 3] [--size 32] [--levels 3] [--steps 8]
#                                    [--hidden 512] [--batch 16] [--iters 5]
# Prints every run's JSON line, then one line with the medians and the ratios (goals: training
# ≥ 1.3× the reference's images/s, decode ≤ 0.8× its time).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3 size=32 levels=3 steps=8 hidden=512 batch=16 iters=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2 ;; --size) size=$2 ;; --levels) levels=$2 ;; --steps) steps=$2 ;;
    --hidden) hidden=$2 ;; --batch) batch=$2 ;; --iters) iters=$2 ;;
    *) echo "bench_glow_vs_reference: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift 2
done
cli=${FLOWSCOPE_BUILD_DIR:-build}/flowscope-cli
[ -x "$cli" ] || { echo "bench_glow_vs_reference: $cli is not built (cmake --build build)" >&2; exit 2; }
/usr/bin/python3 -c "import torch" 2>/dev/null ||
  { echo "bench_glow_vs_reference: PyTorch for /usr/bin/python3 is missing (apt-get install python3-torch)" >&2; exit 2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
sizes=(--size "$size" --levels "$levels" --steps "$steps" --hidden "$hidden" --batch "$batch" --iters "$iters")
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for ((r = 0; r < rounds; r++)); do
  /usr/bin/python3 tools/bench_glow_reference.py "${sizes[@]}" --threads 1 | tee -a "$lines"
  "$cli" bench glow "${sizes[@]}" --threads 1 --device cpu | tee -a "$lines"
done
/usr/bin/python3 - "$lines" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
ours = [r for r in runs if r["bench"] == "glow"]
ref = [r for r in runs if r["bench"] == "glow_reference"]
med = lambda rs, k: statistics.median(r[k] for r in rs)
train, train_ref = med(ours, "train_images_per_s"), med(ref, "train_images_per_s")
decode, decode_ref = med(ours, "decode_batch_ms"), med(ref, "decode_batch_ms")
print(json.dumps({
    "bench": "glow_vs_reference", "rounds": len(ours),
    "train_images_per_s": train, "reference_train_images_per_s": train_ref, "train_ratio": train / train_ref,
    "decode_batch_ms": decode, "reference_decode_batch_ms": decode_ref, "decode_ratio": decode / decode_ref,
    "overhead_fraction": med(ours, "overhead_fraction"),
    "decode_overhead_fraction": med(ours, "decode_overhead_fraction"),
    "train_goal_met": train / train_ref >= 1.3, "decode_goal_met": decode / decode_ref <= 0.8}))
PY
